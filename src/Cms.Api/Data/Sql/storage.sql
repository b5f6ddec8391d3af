-- Article rows stay narrow: bodies go to TOAST from 128 bytes, so list and key scans read small heap rows.
ALTER TABLE articles SET (toast_tuple_target = 128);
