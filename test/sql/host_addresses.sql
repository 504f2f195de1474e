-- Numeric host and hostaddr values are read as libpq reads them (the C library's
-- inet_aton and inet_pton rules: octal, hex, one- to four-part IPv4 forms, IPv6 with
-- IPv4 tails and scopes), and hostaddr takes numbers only. Only forms that read as a
-- loopback address are connected to; the others fail before anything is sent.
\set localdb :DBNAME
\c regression_remote
CREATE TABLE greeting (id int PRIMARY KEY, word text);
INSERT INTO greeting VALUES (1, 'hello');
\c :localdb
\set p ' port=' :port ' dbname=regression_remote'
-- jdblink refuses anything but loopback here, should a form ever be misread (C dblink
-- keeps this as a placeholder setting of no effect)
SET jdblink.allowed_hosts = '127.0.0.0/8';

-- octal, hex and short IPv4 forms of 127.0.0.1 reach the server
SELECT dblink_connect('octal', 'host=0177.0.0.1' || :'p');
SELECT * FROM dblink('octal', 'SELECT word FROM greeting') AS t(word text);
SELECT * FROM dblink('host=0x7f.1' || :'p', 'SELECT 1') AS t(i int);
SELECT * FROM dblink('host=127.1' || :'p', 'SELECT 2') AS t(i int);
SELECT * FROM dblink('host=2130706433' || :'p', 'SELECT 3') AS t(i int);
SELECT * FROM dblink('host=0x7F.0.0.01' || :'p', 'SELECT 4') AS t(i int);
SELECT * FROM dblink('hostaddr=0177.0.0.1' || :'p', 'SELECT 5') AS t(i int);
SELECT * FROM dblink('hostaddr=017700000001' || :'p', 'SELECT 6') AS t(i int);
SELECT * FROM dblink('host=::ffff:127.0.0.1' || :'p', 'SELECT 7') AS t(i int);
SELECT * FROM dblink('host=localhost hostaddr=0x7f000001' || :'p', 'SELECT 8') AS t(i int);
SELECT dblink_disconnect('octal');

-- how a failed attempt names the address it tried (nothing listens on port 1)
SELECT dblink_connect('host=0177.0.0.1 port=1');
SELECT dblink_connect('host=0x7f.1 port=1');
SELECT dblink_connect('host=127.0.0.1 port=1');
SELECT dblink_connect('hostaddr=127.1 port=1');
SELECT dblink_connect('host=::ffff:127.0.0.1 port=1');
SELECT dblink_connect('host=::ffff:7f00:2 port=1');
SELECT dblink_connect('host=0177.0.0.1,0x7f.0.0.2 port=1');

-- hostaddr takes numeric addresses only
SELECT dblink_connect('hostaddr=localhost port=1');
SELECT dblink_connect('hostaddr=127.0.0.1.1 port=1');
SELECT dblink_connect('hostaddr=08.0.0.1 port=1');
SELECT dblink_connect('hostaddr=256.0.0.1 port=1');
SELECT dblink_connect('hostaddr=0x port=1');
SELECT dblink_connect('hostaddr=''127.0.0.1 '' port=1');
SELECT dblink_connect('hostaddr=[::1] port=1');
SELECT dblink_connect('hostaddr=::1%lo port=1');
SELECT dblink_connect('hostaddr=1:2:3:4::5:6:7:8 port=1');
SELECT dblink_connect('hostaddr=::ffff:0177.0.0.1 port=1');

-- a host with a scope the C library cannot use is refused without a lookup
SELECT dblink_connect('host=::1%lo port=1');
