// The EF tools need an executable startup project; there is nothing to run.
return 0;
