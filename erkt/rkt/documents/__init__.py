"""The RKT's documents (PDF, DOCX, XLSX), each printed from the snapshot it was issued with."""
