-- libpq's require_auth (16 and later) and scram_client_key / scram_server_key (18), as
-- dblink_connect reports them: invalid values, and connections refused because the
-- server asks for a method the string rules out, against the test server's roles that
-- log in by cleartext password, md5, SCRAM and trust. libpq 15 knows none of them.
\set tcp 'host=127.0.0.1 port=' :port ' dbname=regression_remote'

-- values libpq refuses before connecting
SELECT dblink_connect(:'tcp' || ' user=auth_trust require_auth=bogus');
SELECT dblink_connect(:'tcp' || ' user=auth_trust require_auth=password,PASSWORD');
SELECT dblink_connect(:'tcp' || ' user=auth_trust require_auth=scram-sha-256,!md5');
SELECT dblink_connect(:'tcp' || ' user=auth_trust require_auth=!md5,md5');
SELECT dblink_connect(:'tcp' || ' user=auth_trust require_auth=md5,md5');
SELECT dblink_connect(:'tcp' || ' user=auth_trust require_auth=!none,!none');
SELECT dblink_connect(:'tcp' || ' user=auth_trust require_auth=none,none');
SELECT dblink_connect(:'tcp' || ' user=auth_trust require_auth=gss,sspi,gss');
SELECT dblink_connect(:'tcp' || ' user=auth_trust require_auth=,');
SELECT dblink_connect(:'tcp' || ' user=auth_trust require_auth=!');
SELECT dblink_connect(:'tcp' || ' user=auth_trust require_auth=oauth,oauth');
-- require_auth is read before channel_binding, the keys after target_session_attrs
SELECT dblink_connect(:'tcp' || ' user=auth_trust channel_binding=bogus require_auth=bogus');
SELECT dblink_connect(:'tcp' || ' user=auth_trust target_session_attrs=bogus scram_client_key=abc');
SELECT dblink_connect(:'tcp' || ' user=auth_trust scram_client_key=abc');
SELECT dblink_connect(:'tcp' || ' user=auth_trust scram_client_key=');
SELECT dblink_connect(:'tcp' || ' user=auth_trust scram_client_key=AAAA');
SELECT dblink_connect(:'tcp' || ' user=auth_trust scram_server_key=AA==AAAA');
SELECT dblink_connect(:'tcp' || ' user=auth_trust scram_server_key=''AAAA AAAA''');

-- allowed methods connect
SELECT dblink_connect('c1', :'tcp' || ' user=auth_password password=auth_password_pw require_auth=password');
SELECT dblink_connect('c2', :'tcp' || ' user=auth_md5 password=auth_md5_pw require_auth=!password');
SELECT dblink_connect('c3', :'tcp' || ' user=auth_scram password=auth_scram_pw require_auth=scram-sha-256');
SELECT dblink_connect('c4', :'tcp' || ' user=auth_trust require_auth=scram-sha-256,none');
SELECT dblink_connect('c5', :'tcp' || ' user=auth_scram password=auth_scram_pw require_auth=oauth,scram-sha-256');
SELECT array(SELECT unnest(dblink_get_connections()) ORDER BY 1);
SELECT dblink_disconnect(c) FROM unnest(dblink_get_connections()) AS c ORDER BY 1;

-- other methods are refused before anything is answered
SELECT dblink_connect(:'tcp' || ' user=auth_password password=auth_password_pw require_auth=md5');
SELECT dblink_connect(:'tcp' || ' user=auth_md5 password=auth_md5_pw require_auth=password');
SELECT dblink_connect(:'tcp' || ' user=auth_scram password=auth_scram_pw require_auth=md5');
SELECT dblink_connect(:'tcp' || ' user=auth_scram password=auth_scram_pw require_auth=gss,sspi');
SELECT dblink_connect(:'tcp' || ' user=auth_trust require_auth=scram-sha-256');
SELECT dblink_connect(:'tcp' || ' user=auth_trust require_auth=!none');
SELECT dblink_connect(:'tcp' || ' user=auth_password password=auth_password_pw require_auth=none');
-- set but empty: nothing is allowed, and no authentication is required
SELECT dblink_connect(:'tcp' || ' user=auth_password password=auth_password_pw require_auth=');
SELECT dblink_connect(:'tcp' || ' user=auth_trust require_auth=');
SELECT dblink_disconnect();
-- a negated SCRAM: 18 names the mechanism (with TLS the -PLUS one), 16 and 17 the request
SELECT dblink_connect(:'tcp' || ' user=auth_scram password=auth_scram_pw require_auth=!scram-sha-256');
SELECT dblink_connect(:'tcp' || ' user=auth_scram password=auth_scram_pw sslmode=disable require_auth=!scram-sha-256');
SELECT dblink_connect(:'tcp' || ' user=auth_scram password=auth_scram_pw require_auth=!scram-sha-256,!oauth');
SELECT dblink_connect(:'tcp' || ' user=auth_scram password=auth_scram_pw require_auth=oauth');
-- require_auth is checked before channel_binding
SELECT dblink_connect(:'tcp' || ' user=auth_password password=x channel_binding=require require_auth=md5');
SELECT dblink_connect(:'tcp' || ' user=auth_scram password=x channel_binding=require sslmode=disable require_auth=!scram-sha-256');

-- keys that are not the role's: the server refuses the client, the client the server
SELECT dblink_connect(:'tcp' || ' user=auth_scram scram_client_key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='
                      || ' scram_server_key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
SELECT dblink_connect(:'tcp' || ' user=auth_scram password=auth_scram_pw'
                      || ' scram_server_key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
SELECT dblink_connect(:'tcp' || ' user=auth_scram require_auth=scram-sha-256 scram_server_key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
