-- A reporter's note to the moderators (checked by the doxxing guard like any stored text).
ALTER TABLE post_reports ADD COLUMN note text NOT NULL DEFAULT '';
