"""Step 10 "ya": the Kepala Badan signs the final RKT (certificate) or uploads a wet-signed scan."""
