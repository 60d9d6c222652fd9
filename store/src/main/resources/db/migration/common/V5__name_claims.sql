-- One name, one device, decided in one transaction (issue 4): a name is claimed for a device before
-- its certificate is signed. claimed_until is set while that issuance is in flight (another device
-- cannot take the name meanwhile, even though no certificate holds it yet) and cleared once the
-- certificate is stored; a claim whose issuance failed is released (the earlier binding put back).
ALTER TABLE name_bindings ADD COLUMN claimed_until BIGINT;
