-- Claims say who spoke (role and kind of source) and which event field they contest
-- (sitrep.claims): a hospital's toll beside a ministry's, a denial beside an accusation.
-- Existing rows keep empty values. Portable SQL, like 0001.

ALTER TABLE claims ADD COLUMN speaker_role TEXT DEFAULT '';
ALTER TABLE claims ADD COLUMN speaker_type TEXT DEFAULT '';
ALTER TABLE claims ADD COLUMN field TEXT DEFAULT '';
ALTER TABLE claims ADD COLUMN value TEXT DEFAULT '';
ALTER TABLE claims ADD COLUMN text_start INTEGER;
ALTER TABLE claims ADD COLUMN text_end INTEGER;
