-- dbm:up
INSERT INTO settings (key, value, value_type, description) VALUES
  ('mail.from', 'Orbit <no-reply@orbit.example>', 'string', 'Sender of system mail'),
  ('mail.footer', 'You''re receiving this because you''re a member; unsubscribe any time.', 'string', NULL),
  ('export.csv_separator', ';', 'string', 'Field separator for CSV exports'),
  ('export.csv_quote', '"', 'string', NULL),
  ('import.unc_pattern', E'\\\\fileserver\\orbit\\*.csv', 'string', 'UNC path, written as an E-string'),
  ('ui.greeting', E'Hello,\n\tit\'s nice to see you', 'string', NULL),
  ('ui.unicode_sample', U&'caf\00E9 \+01F680', 'string', NULL),
  ('ui.max_upload_mb', '25', 'integer', NULL),
  ('templates.welcome', $tpl$Hi {{name}}; welcome to {{account}}! Reply "stop" to opt out.$tpl$, 'string', 'Dollar-quoted template');
INSERT INTO settings (key, value, description) VALUES ('storage.windows_root', 'C:\Orbit\data\', 'Where the Windows agent keeps files');
INSERT INTO settings (key, value, description) VALUES ('search.tokenizer_pattern', '[\s,;]+', 'Splits search input; a backslash class, no E-string needed')

-- dbm:down
DELETE FROM settings
 WHERE key IN ('mail.from', 'mail.footer', 'export.csv_separator', 'export.csv_quote',
               'import.unc_pattern', 'ui.greeting', 'ui.unicode_sample', 'ui.max_upload_mb',
               'templates.welcome', 'storage.windows_root', 'search.tokenizer_pattern');
