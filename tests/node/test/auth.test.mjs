// The auth flows through the unmodified SDK (0.19.0 and 0.28.x): password, refresh, verification,
// password reset, email change, OTP and the OAuth2 code flow. Mails are caught by a loopback SMTP
// sink; OAuth2 runs against a loopback OIDC provider.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import PocketBase019 from "pb019";
import PocketBase028 from "pb028";
import { startServer } from "./server.mjs";
import { startSmtpSink } from "./auth-support/smtp-sink.mjs";
import { startOidcProvider, clientId, clientSecret } from "./auth-support/oidc-provider.mjs";

const sdks = [
  ["0.19.0", PocketBase019],
  ["0.28.x", PocketBase028],
];

function tokenFrom(mail, action) {
  const m = new RegExp(`/_/#/auth/${action}/([A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)`).exec(mail.body);
  assert.ok(m, `no ${action} link in: ${mail.body}`);
  return m[1];
}

const authRecordOf = (pb) => pb.authStore.record ?? pb.authStore.model;

for (const [version, PocketBase] of sdks) {
  describe(`auth flows with SDK ${version}`, { timeout: 120_000 }, () => {
    let server;
    let sink;
    let oidc;
    let admin;
    let n = 0;
    const client = () => {
      const pb = new PocketBase(server.url);
      pb.autoCancellation(false);
      return pb;
    };
    const newUser = async (prefix) => {
      const email = `${prefix}-${version.replace(/\W/g, "")}-${++n}@example.com`;
      const record = await client().collection("users").create({ email, password: "1234567890", passwordConfirm: "1234567890" });
      return { email, id: record.id };
    };

    before(async () => {
      [server, sink, oidc] = await Promise.all([startServer(), startSmtpSink(), startOidcProvider()]);
      admin = client();
      await admin.collection("_superusers").authWithPassword("admin@example.com", "1234567890");
      await admin.settings.update({
        meta: { appName: "NodeAuth", appURL: "http://127.0.0.1:9999" },
        smtp: { enabled: true, host: "127.0.0.1", port: sink.port },
      });
      await admin.collections.update("users", {
        otp: { enabled: true, duration: 180, length: 6, emailTemplate: { subject: "OTP for {APP_NAME}", body: "<p>Code: <strong>{OTP}</strong></p>" } },
        oauth2: {
          enabled: true,
          mappedFields: { id: "", name: "name", username: "", avatarURL: "" },
          providers: [{ name: "oidc", clientId, clientSecret, authURL: oidc.authURL, tokenURL: oidc.tokenURL, userInfoURL: oidc.userInfoURL, displayName: "Local" }],
        },
      });
    });

    after(async () => {
      await Promise.all([server?.stop(), sink?.close(), oidc?.close()]);
    });

    it("changing one's own password checks oldPassword and ends the old token at once", async () => {
      const { email, id } = await newUser("ownpw");
      const pb = client();
      await pb.collection("users").authWithPassword(email, "1234567890");
      await pb.collection("users").getOne(id); // the token's answer is now cached by the server

      const wrong = await pb.collection("users")
        .update(id, { oldPassword: "not-the-password", password: "0987654321", passwordConfirm: "0987654321" })
        .then(() => null, (e) => e);
      assert.ok(wrong, "a wrong oldPassword must be refused");
      assert.equal(wrong.status, 400);
      const body = wrong.response ?? wrong.data;
      assert.equal(body.data.oldPassword.code, "validation_invalid_old_password");

      await pb.collection("users").update(id, { oldPassword: "1234567890", password: "0987654321", passwordConfirm: "0987654321" });
      const refresh = await pb.collection("users").authRefresh().then(() => null, (e) => e);
      assert.ok(refresh, "the token signed with the old tokenKey must be refused at once");
      assert.equal(refresh.status, 401);
      const again = await client().collection("users").authWithPassword(email, "0987654321");
      assert.equal(again.record.id, id);
    });

    it("authWithPassword fills the authStore and authRefresh renews it", async () => {
      const { email, id } = await newUser("pw");
      const pb = client();
      const auth = await pb.collection("users").authWithPassword(email, "1234567890");
      assert.equal(auth.record.id, id);
      assert.equal(pb.authStore.token, auth.token);
      assert.equal(pb.authStore.isValid, true);
      assert.equal(authRecordOf(pb).email, email);
      assert.equal(authRecordOf(pb).collectionName, "users");

      await new Promise((r) => setTimeout(r, 1100)); // a new exp needs a new second
      const refreshed = await pb.collection("users").authRefresh();
      assert.notEqual(refreshed.token, auth.token);
      assert.equal(pb.authStore.token, refreshed.token);
      assert.equal(authRecordOf(pb).id, id);
    });

    it("requestVerification + confirmVerification with the mailed token", async () => {
      const { email, id } = await newUser("verify");
      const pb = client();
      assert.equal(await pb.collection("users").requestVerification(email), true);
      const mail = await sink.waitFor(email);
      assert.match(mail.subject, /Verify your NodeAuth email/);
      assert.equal(await pb.collection("users").confirmVerification(tokenFrom(mail, "confirm-verification")), true);
      assert.equal((await admin.collection("users").getOne(id)).verified, true);
    });

    it("requestPasswordReset + confirmPasswordReset", async () => {
      const { email } = await newUser("reset");
      const pb = client();
      await pb.collection("users").requestPasswordReset(email);
      const token = tokenFrom(await sink.waitFor(email), "confirm-password-reset");
      await pb.collection("users").confirmPasswordReset(token, "new-password-1", "new-password-1");
      const auth = await pb.collection("users").authWithPassword(email, "new-password-1");
      assert.equal(auth.record.email, email);
      await assert.rejects(client().collection("users").authWithPassword(email, "1234567890"), (e) => e.status === 400);
    });

    it("requestEmailChange + confirmEmailChange", async () => {
      const { email, id } = await newUser("change");
      const newEmail = `new-${email}`;
      const pb = client();
      await pb.collection("users").authWithPassword(email, "1234567890");
      await pb.collection("users").requestEmailChange(newEmail);
      const token = tokenFrom(await sink.waitFor(newEmail), "confirm-email-change");
      await client().collection("users").confirmEmailChange(token, "1234567890");
      const record = await admin.collection("users").getOne(id);
      assert.equal(record.email, newEmail);
      const again = client();
      await again.collection("users").authWithPassword(newEmail, "1234567890");
      assert.equal(authRecordOf(again).id, id);
    });

    it("OTP: requestOTP + authWithOTP (SDK 0.28 only; 0.19 predates OTP)", { skip: version === "0.19.0" && "SDK 0.19 has no OTP methods" }, async () => {
      const { email, id } = await newUser("otp");
      const pb = client();
      const { otpId } = await pb.collection("users").requestOTP(email);
      const mail = await sink.waitFor(email);
      const code = /<strong>([0-9]+)<\/strong>/.exec(mail.body)[1];
      const auth = await pb.collection("users").authWithOTP(otpId, code);
      assert.equal(auth.record.id, id);
      assert.equal(pb.authStore.record.id, id);
      assert.equal(pb.authStore.isValid, true);
    });

    it("OAuth2 code flow against the local provider", async () => {
      const email = `oauth-${version.replace(/\W/g, "")}@example.com`;
      oidc.state.nextUser = { sub: `sub-${version}`, email, email_verified: true, name: "Node Person" };
      const pb = client();
      const methods = await pb.collection("users").listAuthMethods();
      const provider = version === "0.19.0"
        ? methods.authProviders.find((p) => p.name === "oidc")
        : methods.oauth2.providers.find((p) => p.name === "oidc");
      const authURL = provider.authURL ?? provider.authUrl;
      const redirectUrl = `${server.url}/api/oauth2-redirect`;
      const res = await fetch(authURL + encodeURIComponent(redirectUrl), { redirect: "manual", signal: AbortSignal.timeout(10_000) });
      assert.equal(res.status, 302);
      const location = new URL(res.headers.get("location"));
      assert.equal(location.searchParams.get("state"), provider.state);

      const auth = await pb.collection("users").authWithOAuth2Code("oidc", location.searchParams.get("code"), provider.codeVerifier, redirectUrl, { emailVisibility: true });
      assert.equal(auth.record.email, email);
      assert.equal(auth.record.name, "Node Person");
      assert.equal(auth.meta.isNew, true);
      assert.equal(authRecordOf(pb).email, email);
      assert.equal(pb.authStore.isValid, true);
    });
  });
}
