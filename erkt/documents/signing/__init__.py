"""Digital signatures: the Kepala Badan's certificate, signing the final RKT, verifying it."""
