// WebRTC video call between two browser windows, signalled through PocketBase collections:
// the caller writes its offer into a `calls` record, the answerer writes its answer into the
// same record, and both sides trade ICE candidates through `offer_candidates` and
// `answer_candidates`, listening to each other through realtime subscriptions.
import "./style.css";

import PocketBase from "pocketbase";

const byId = (id) => document.getElementById(id);
const ui = {
  status: byId("status"),
  webcamButton: byId("webcamButton"),
  webcamVideo: byId("webcamVideo"),
  remoteVideo: byId("remoteVideo"),
  callButton: byId("callButton"),
  callInput: byId("callInput"),
  answerButton: byId("answerButton"),
  hangupButton: byId("hangupButton"),
};
byId("sdkVersion").textContent = __POCKETBASE_SDK_VERSION__;

// An empty URL (the production build) means "the server this page was loaded from".
const pb = new PocketBase(import.meta.env.VITE_POCKETBASE_URL || window.location.origin);
// Candidates are created without waiting for each other. With auto-cancellation the SDK would
// abort a create still in flight when the next one to the same collection starts, so some
// candidates could never reach the other peer.
pb.autoCancellation(false);

const calls = pb.collection("calls");
const offerCandidates = pb.collection("offer_candidates");
const answerCandidates = pb.collection("answer_candidates");

let pc = null;
let localStream = null;
let remoteStream = null;
let userId = "";

function showStatus(state, text) {
  document.body.dataset.state = state;
  ui.status.textContent = text;
}

function showError(error) {
  console.error(error);
  showStatus("error", `Error: ${error?.message ?? error}`);
}

// Runs a button handler, reporting a failure on the page instead of losing it.
const guarded = (handler) => () => handler().catch(showError);

async function signIn() {
  const auth = await pb
    .collection("users")
    .authWithPassword(
      import.meta.env.VITE_POCKETBASE_USERNAME,
      import.meta.env.VITE_POCKETBASE_PASSWORD,
    );
  userId = auth.record.id;

  const iceServers = await pb.collection("ice_servers").getFullList();
  const urls = iceServers.map((server) => server.url).filter(Boolean);
  pc = new RTCPeerConnection({
    iceServers: urls.length ? [{ urls }] : [],
    iceCandidatePoolSize: 10,
  });
  pc.addEventListener("connectionstatechange", () => {
    document.body.dataset.connection = pc.connectionState;
  });

  ui.webcamButton.disabled = false;
  showStatus("ready", `Signed in as ${auth.record.email ?? userId}.`);
}

async function startWebcam() {
  localStream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  remoteStream = new MediaStream();

  for (const track of localStream.getTracks()) {
    pc.addTrack(track, localStream);
  }
  pc.ontrack = (event) => {
    for (const track of event.streams[0].getTracks()) {
      remoteStream.addTrack(track);
    }
  };

  ui.webcamVideo.srcObject = localStream;
  ui.remoteVideo.srcObject = remoteStream;

  ui.webcamButton.disabled = true;
  ui.callButton.disabled = false;
  ui.answerButton.disabled = false;
}

// Remote candidates may arrive before the description they belong to: the other side sends
// them as soon as it has set its local description, which can be before its answer is stored
// and announced. They are held back until the remote description is set.
function remoteCandidates() {
  let ready = false;
  const held = [];
  const add = (data) => pc.addIceCandidate(new RTCIceCandidate(data)).catch(showError);
  return {
    receive(data) {
      if (ready) add(data);
      else held.push(data);
    },
    descriptionSet() {
      ready = true;
      held.splice(0).forEach(add);
    },
  };
}

function sendCandidates(collection, callId) {
  pc.onicecandidate = (event) => {
    if (!event.candidate) return;
    collection
      .create({ call_id: callId, data: event.candidate.toJSON() })
      .catch((error) => console.error("could not store an ICE candidate", error));
  };
}

async function createCall() {
  ui.callButton.disabled = true;
  ui.answerButton.disabled = true;

  const call = await calls.create({ user_id: userId });
  const callId = call.id;
  ui.callInput.value = callId;

  sendCandidates(offerCandidates, callId);

  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  await calls.update(callId, { offer: { sdp: offer.sdp, type: offer.type } });

  const answerCandidatesOfCall = remoteCandidates();
  let answered = false;
  await calls.subscribe(callId, (event) => {
    const answer = event.record?.answer;
    if (answer && !answered) {
      answered = true;
      pc.setRemoteDescription(new RTCSessionDescription(answer))
        .then(() => answerCandidatesOfCall.descriptionSet())
        .catch(showError);
    }
  });

  await answerCandidates.subscribe("*", (event) => {
    if (event.action === "create" && event.record?.call_id === callId) {
      answerCandidatesOfCall.receive(event.record.data);
    }
  });

  ui.hangupButton.disabled = false;
  showStatus("calling", `Call ${callId} created: answer it from another window.`);
}

async function answerCall() {
  const callId = ui.callInput.value.trim();
  if (!callId) {
    showStatus("ready", "Paste a call id first.");
    return;
  }
  ui.callButton.disabled = true;
  ui.answerButton.disabled = true;

  const call = await calls.getOne(callId);

  sendCandidates(answerCandidates, call.id);

  await pc.setRemoteDescription(new RTCSessionDescription(call.offer));
  const answer = await pc.createAnswer();
  await pc.setLocalDescription(answer);
  await calls.update(call.id, { answer: { type: answer.type, sdp: answer.sdp } });

  // The offer is set already, so the caller's candidates can be added as they come.
  await offerCandidates.subscribe("*", async (event) => {
    if (event.record?.call_id !== call.id) return;
    if (event.action === "create") {
      await pc.addIceCandidate(new RTCIceCandidate(event.record.data)).catch(showError);
    } else if (event.action === "delete") {
      // The caller hung up: its call and, by cascade, every candidate are gone.
      await offerCandidates.unsubscribe();
      window.location.reload();
    }
  });

  showStatus("answered", `Answered call ${call.id}.`);
}

async function hangUp() {
  const callId = ui.callInput.value.trim();
  ui.hangupButton.disabled = true;
  pc.close();
  await calls.unsubscribe(callId);
  await calls.delete(callId);
  await answerCandidates.unsubscribe();
  window.location.reload();
}

ui.webcamButton.onclick = guarded(startWebcam);
ui.callButton.onclick = guarded(createCall);
ui.answerButton.onclick = guarded(answerCall);
ui.hangupButton.onclick = guarded(hangUp);

signIn().catch(showError);
