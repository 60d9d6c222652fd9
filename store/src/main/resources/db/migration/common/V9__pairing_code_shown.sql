-- The code a pending device offered, as it shows it (normalised: upper case, no separators), so the
-- console can show it beside that device for the owner to compare (docs/console.md, "Pairing
-- code"). It is not a credential — it approves nothing by itself: typing it still needs a signed-in
-- owner — but it is kept only while it can be shown: the store sets it NULL when the code is used,
-- when its device is approved or denied, when the device offers a newer code, and at the next offer
-- after it expired. code_hash stays the key the typed code is matched by, and refuses a replay.
ALTER TABLE pairing_codes ADD COLUMN shown_code TEXT;
-- Finding the codes still kept in clear (a device decided, an offer expired) reads this small index
-- rather than every code ever offered.
CREATE INDEX pairing_codes_shown ON pairing_codes (dev_id, expires_at) WHERE shown_code IS NOT NULL;
