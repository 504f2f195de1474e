-- jdblink.allowed_hosts (jdblink only: C dblink has no such setting).
\set tcp 'host=127.0.0.1 port=' :port ' dbname=regression_remote'
SELECT dblink_get_connections();
SHOW jdblink.allowed_hosts;
-- outside the list: refused before connecting, by every function that connects
SET jdblink.allowed_hosts = '10.0.0.0/8, 192.168.1.1';
SELECT dblink_connect('a', :'tcp');
SELECT * FROM dblink(:'tcp', 'SELECT 1') AS t(i int);
SELECT dblink_exec(:'tcp', 'SELECT 1');
SELECT dblink_get_connections();
-- addresses, ranges and ports
SET jdblink.allowed_hosts = '127.0.0.1';
SELECT * FROM dblink(:'tcp', 'SELECT 1') AS t(i int);
SET jdblink.allowed_hosts = '127.0.0.0/8:1';
SELECT * FROM dblink(:'tcp', 'SELECT 2') AS t(i int);
SELECT set_config('jdblink.allowed_hosts', '10.1.1.1,127.0.0.0/8:' || :'port', false) IS NOT NULL AS set;
SELECT * FROM dblink(:'tcp', 'SELECT 3') AS t(i int);
-- numeric hosts are checked as the address dialled, read as libpq reads them
SET jdblink.allowed_hosts = '127.0.0.1';
SELECT * FROM dblink('host=0177.0.0.1 port=' || :'port' || ' dbname=regression_remote', 'SELECT 31') AS t(i int);
SELECT * FROM dblink('hostaddr=0x7f.1 port=' || :'port' || ' dbname=regression_remote', 'SELECT 32') AS t(i int);
SET jdblink.allowed_hosts = '127.0.0.1/32';
SELECT * FROM dblink('host=0177.0.0.2 port=' || :'port' || ' dbname=regression_remote', 'SELECT 33') AS t(i int);
SET jdblink.allowed_hosts = '177.0.0.1';
SELECT * FROM dblink('host=0177.0.0.1 port=' || :'port' || ' dbname=regression_remote', 'SELECT 34') AS t(i int);
-- list entries are read the same way: 0177.0.0.1 is 127.0.0.1, 08.0.0.1 is no address
SET jdblink.allowed_hosts = '0177.0.0.1';
SELECT * FROM dblink(:'tcp', 'SELECT 35') AS t(i int);
SET jdblink.allowed_hosts = '08.0.0.1';
SELECT * FROM dblink(:'tcp', 'SELECT 36') AS t(i int);
-- host names: the name is allowed, whatever it resolves to; hostaddr is checked as an address
SET jdblink.allowed_hosts = 'LocalHost';
SELECT * FROM dblink('host=localhost hostaddr=127.0.0.1 port=1 dbname=regression_remote', 'SELECT 4') AS t(i int);
SELECT * FROM dblink(:'tcp', 'SELECT 5') AS t(i int);
-- Unix sockets: by directory
SELECT dblink_connect('dbname=regression_remote');
SELECT set_config('jdblink.allowed_hosts', current_setting('unix_socket_directories') || '/', false) IS NOT NULL AS set;
SELECT dblink_connect('dbname=regression_remote');
SELECT * FROM dblink('SELECT 6') AS t(i int);
SELECT dblink_disconnect();
-- invalid entries fail closed
SET jdblink.allowed_hosts = '127.0.0.1/33';
SELECT * FROM dblink(:'tcp', 'SELECT 7') AS t(i int);
SET jdblink.allowed_hosts = 'bad host';
SELECT * FROM dblink(:'tcp', 'SELECT 8') AS t(i int);
-- empty: no restriction
RESET jdblink.allowed_hosts;
SELECT * FROM dblink(:'tcp', 'SELECT 9') AS t(i int);
-- only superusers may change it
CREATE ROLE regress_allowed_hosts_user;
SET ROLE regress_allowed_hosts_user;
SET jdblink.allowed_hosts = '';
RESET ROLE;
DROP ROLE regress_allowed_hosts_user;
