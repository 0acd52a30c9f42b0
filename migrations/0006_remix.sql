-- 0006: remix mode (/settings remix): before a variation, reroll, zoom or pan runs, a form opens with the prompt to edit.
ALTER TABLE user_settings ADD COLUMN remix INTEGER NOT NULL DEFAULT 0 CHECK (remix IN (0, 1));
