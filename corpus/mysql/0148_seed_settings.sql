-- dbm:up
INSERT INTO `settings` (`key`, `value`, `description`) VALUES
('mail.from', 'Orbit <no-reply@orbit.example>', 'Sender of system mail'),
('mail.footer', 'You\'re receiving this because you\'re a member; unsubscribe any time.', NULL),
('export.csv_separator', ';', 'Field separator for CSV exports'),
('export.csv_quote', '"', NULL),
('export.csv_escape', '\\', 'A single backslash'),
('storage.windows_root', 'C:\\Orbit\\data\\', 'Where the Windows agent keeps files'),
('ui.greeting', "Hello,\n\tit's \"nice\" to see you", NULL),
('ui.promo', '50\% off; today only', 'LIKE-style escape, kept verbatim: \\%'),
('ui.quote_help', 'Use '' or \\'' to quote', NULL),
('ui.unicode_sample', _utf8mb4'café 🚀', NULL);

-- dbm:down
DELETE FROM `settings` WHERE `key` IN ('mail.from', 'mail.footer', 'export.csv_separator', 'export.csv_quote', 'export.csv_escape', 'storage.windows_root', 'ui.greeting', 'ui.promo', 'ui.quote_help', 'ui.unicode_sample');
