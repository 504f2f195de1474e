/*
 * settings.c: defining jdblink's superuser-only settings so that no value a role without
 * the right to set them gave before the library was loaded survives, and the value a
 * superuser chose stays in force (see docs/settings.md).
 *
 * The library is loaded on a backend's first jdblink call. Until then the names are
 * placeholders anyone may set: with PGOPTIONS / options=-c at connection start, SET,
 * set_config. When the real (PGC_SUSET) settings are defined, PostgreSQL re-applies each
 * placeholder value with the rights of whoever set it, refuses the non-superuser's ones
 * with a WARNING and keeps the value below. For SET that is the session's value from
 * the configuration files and pg_db_role_setting, as it should be. But a value given at
 * connection start is itself that session value: it took the place of the
 * configuration file's and overrode pg_db_role_setting's, so refusing it leaves the
 * built-in default (for allowed_hosts: anywhere). This file notices that and reads the
 * value PostgreSQL would have used without it again, from the configuration files and
 * pg_db_role_setting, as it applies them when a session starts.
 *
 * Until that value is known no call may reach Java (fail closed): jdblink_settings_check
 * runs before the JVM is created, which happens before anything connects.
 *
 * One setting is anyone's: jdblink.remote_notices (PGC_USERSET), where the notices of
 * one's own remote queries go (defined here, with its native). PostgreSQL refuses a
 * placeholder value for it only when the value is invalid; that is read again as above.
 */
#include "jdblink.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/pg_db_role_setting.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "storage/fd.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/guc.h"
#include "utils/guc_tables.h"
#include "utils/rel.h"

/* Every setting jdblink defines (jvm.c, security.c, here): a new one must be listed here. */
static const char *const setting_names[] = {
	"jdblink.libjvm_path",
	"jdblink.jvm_options",
	"jdblink.allowed_hosts",
	"jdblink.remote_notices",
};

/* jdblink.remote_notices: its values are JniLocalBackend's constants (javac -h gives them). */
static const struct config_enum_entry remote_notices_options[] = {
	{"log", org_jdblink_bridge_JniLocalBackend_REMOTE_NOTICES_LOG, false},
	{"client", org_jdblink_bridge_JniLocalBackend_REMOTE_NOTICES_CLIENT, false},
	{NULL, 0, false}
};

static int	remote_notices = org_jdblink_bridge_JniLocalBackend_REMOTE_NOTICES_LOG;

#define SETTING_COUNT lengthof(setting_names)

/* Settings whose session value was refused at definition and is not yet read again. */
static bool restore_pending[SETTING_COUNT];


/* Where each placeholder's session value (its reset value) came from; DEFAULT if none. */
static void
remember_session_sources(GucSource *sources)
{
	for (int i = 0; i < SETTING_COUNT; i++)
	{
		struct config_generic *placeholder = jdblink_find_config_option(setting_names[i]);

		sources[i] = placeholder != NULL ? placeholder->reset_source : PGC_S_DEFAULT;
	}
}

/*
 * The last value for name in a configuration file list, or NULL. Names compare
 * case-insensitively, as PostgreSQL's do.
 */
static char *
value_in_file_list(ConfigVariable *list, const char *name)
{
	char	   *value = NULL;

	for (ConfigVariable *item = list; item != NULL; item = item->next)
		if (item->name != NULL && item->value != NULL && pg_strcasecmp(item->name, name) == 0)
			value = pstrdup(item->value);
	return value;
}

/*
 * The value for name in postgresql.conf (with its includes) and then
 * postgresql.auto.conf, as a reload reads them. Sets *readable false if they cannot be
 * parsed (the parser's messages go to the server log).
 */
static char *
value_in_config_files(const char *name, bool *readable)
{
	ConfigVariable *head = NULL;
	ConfigVariable *tail = NULL;
	char	   *value;

	*readable = ParseConfigFile(ConfigFileName, true, NULL, 0, 0, LOG, &head, &tail)
		&& ParseConfigFile(PG_AUTOCONF_FILENAME, false, NULL, 0, 0, LOG, &head, &tail);
	value = *readable ? value_in_file_list(head, name) : NULL;
	FreeConfigVariables(head);
	return value;
}

/*
 * Whether the postmaster's command line (recorded in postmaster.opts) may set a jdblink
 * setting: such a value is lost in the backend once a connection option replaced it and
 * cannot be read back reliably (the file does not escape quotes), so it makes the
 * session value unknowable. Sets *readable false if the file cannot be read.
 */
static bool
postmaster_command_line_mentions_jdblink(bool *readable)
{
	char	   *path = psprintf("%s/postmaster.opts", DataDir);
	FILE	   *file = AllocateFile(path, "r");
	StringInfoData contents;
	char		buffer[1024];
	size_t		got;

	*readable = file != NULL;
	if (file == NULL)
		return false;
	initStringInfo(&contents);
	while ((got = fread(buffer, 1, sizeof(buffer), file)) > 0)
		appendBinaryStringInfo(&contents, buffer, got);
	*readable = !ferror(file);
	FreeFile(file);
	for (char *c = contents.data; *c; c++)
		*c = pg_tolower((unsigned char) *c);
	return strstr(contents.data, "jdblink.") != NULL;
}

/* The last "name=value" for name in a pg_db_role_setting array, or NULL. */
static char *
value_in_setting_array(ArrayType *array, const char *name)
{
	Datum	   *items;
	bool	   *nulls;
	int			count;
	char	   *value = NULL;

	deconstruct_array(array, TEXTOID, -1, false, TYPALIGN_INT, &items, &nulls, &count);
	for (int i = 0; i < count; i++)
	{
		char	   *item_name;
		char	   *item_value;

		if (nulls[i])
			continue;
		ParseLongOption(TextDatumGetCString(items[i]), &item_name, &item_value);
		if (item_value != NULL && pg_strcasecmp(item_name, name) == 0)
			value = item_value;
	}
	return value;
}

/* The value for name stored by ALTER DATABASE/ROLE … SET for (database, role), or NULL. */
static char *
value_in_db_role_setting(Relation settings, Oid database, Oid role, const char *name)
{
	ScanKeyData keys[2];
	SysScanDesc scan;
	HeapTuple	tuple;
	char	   *value = NULL;

	ScanKeyInit(&keys[0], Anum_pg_db_role_setting_setdatabase,
				BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(database));
	ScanKeyInit(&keys[1], Anum_pg_db_role_setting_setrole,
				BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(role));
	scan = systable_beginscan(settings, DbRoleSettingDatidRolidIndexId, true, NULL, 2, keys);
	while (HeapTupleIsValid(tuple = systable_getnext(scan)))
	{
		/*
		 * heap_deform_tuple, not heap_getattr: Debian's 17.12 headers make the inline
		 * heap_getattr call heap_datum_check, which older 17 servers lack, so a bridge
		 * built with them would not load there.
		 */
		Datum		values[Natts_pg_db_role_setting];
		bool		nulls[Natts_pg_db_role_setting];

		heap_deform_tuple(tuple, RelationGetDescr(settings), values, nulls);
		if (!nulls[Anum_pg_db_role_setting_setconfig - 1])
			value = value_in_setting_array(DatumGetArrayTypeP(values[Anum_pg_db_role_setting_setconfig - 1]), name);
	}
	systable_endscan(scan);
	return value;
}

/* Applies value (if any) as coming from source, as PostgreSQL applies such values. */
static void
apply(const char *name, const char *value, GucContext context, GucSource source)
{
	if (value != NULL)
		(void) set_config_option(name, value, context, source, GUC_ACTION_SET, true, ERROR, false);
}

/* Fail closed: the session value of name is unknown, so nothing may use jdblink. */
static void
refuse_unknown_value(const char *name, const char *why, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("permission denied to set parameter \"%s\"", name),
			 errdetail("A value given when this session started was refused, and the value in force before it cannot be determined: %s.",
					   why),
			 errhint("%s", hint)));
}

/*
 * Reads name's session value again, lowest priority first, as PostgreSQL applies it at
 * session start: configuration files, then pg_db_role_setting for all databases and
 * roles, this database, the session user, both (the order of process_settings).
 * Raises an ERROR, leaving the setting pending, if that value cannot be determined.
 */
static void
restore_session_value(const char *name)
{
	const char *reconnect = "Reconnect without setting jdblink parameters in the connection options.";
	bool		readable;
	char	   *file_value;
	Relation	settings;
	Oid			role = GetSessionUserId();

	if (postmaster_command_line_mentions_jdblink(&readable))
		refuse_unknown_value(name, "the server's command line sets jdblink parameters", reconnect);
	if (!readable)
		refuse_unknown_value(name, "postmaster.opts cannot be read", reconnect);
	file_value = value_in_config_files(name, &readable);
	if (!readable)
		refuse_unknown_value(name, "the configuration files cannot be read",
							 "Reconnect without setting jdblink parameters in the connection options, or fix the configuration files (see the server log).");
	apply(name, file_value, PGC_SIGHUP, PGC_S_FILE);

	settings = table_open(DbRoleSettingRelationId, AccessShareLock);
	apply(name, value_in_db_role_setting(settings, InvalidOid, InvalidOid, name),
		  PGC_SUSET, PGC_S_GLOBAL);
	apply(name, value_in_db_role_setting(settings, MyDatabaseId, InvalidOid, name),
		  PGC_SUSET, PGC_S_DATABASE);
	apply(name, value_in_db_role_setting(settings, InvalidOid, role, name),
		  PGC_SUSET, PGC_S_USER);
	apply(name, value_in_db_role_setting(settings, MyDatabaseId, role, name),
		  PGC_SUSET, PGC_S_DATABASE_USER);
	table_close(settings, AccessShareLock);
}

/* Reads the refused settings' values again; raises an ERROR if one cannot be. */
static void
restore_pending_values(void)
{
	for (int i = 0; i < SETTING_COUNT; i++)
		if (restore_pending[i])
		{
			restore_session_value(setting_names[i]);
			restore_pending[i] = false;
		}
}

/*
 * Where remote notices go (docs/settings.md): log, C dblink's behaviour (the server log
 * only), or client (raised in this session). Anyone may choose to see the notices of
 * their own remote queries: they come from servers the session chose to query.
 */
static void
define_notice_settings(void)
{
	DefineCustomEnumVariable("jdblink.remote_notices",
							 "Where the notices of remote servers go: the server log, or also the client.",
							 "log: the server log only, as C dblink. client: raised in the session at their own level.",
							 &remote_notices,
							 org_jdblink_bridge_JniLocalBackend_REMOTE_NOTICES_LOG,
							 remote_notices_options,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);
}

/*
 * Whether rows may travel in binary where that is exact (docs/binary-transfer.md). Anyone
 * may turn it off for their own queries: it changes how values travel, not what they are.
 */
bool		jdblink_binary_transfer = true;

static void
define_transfer_settings(void)
{
	DefineCustomBoolVariable("jdblink.binary_transfer",
							 "Lets columns of exact built-in types travel in binary.",
							 "off: every column travels as text, as with C dblink.",
							 &jdblink_binary_transfer,
							 true,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);
}

/* JniLocalBackend.remoteNotices0: the setting now, as each remote notice arrives. */
JNIEXPORT jint JNICALL
Java_org_jdblink_bridge_JniLocalBackend_remoteNotices0(JNIEnv *env, jclass klass)
{
	JDBLINK_NATIVE_VALUE(env, jint, org_jdblink_bridge_JniLocalBackend_REMOTE_NOTICES_LOG, remote_notices);
}

/*
 * From _PG_init. A failed _PG_init leaves the library out of PostgreSQL's list of loaded
 * ones, so the next call runs it again: the settings are defined once, while reading
 * refused values again (which can raise) is retried.
 */
void
jdblink_define_settings(void)
{
	static bool defined = false;

	if (!defined)
	{
		GucSource	before[SETTING_COUNT];

		remember_session_sources(before);
		jdblink_define_jvm_settings();
		jdblink_define_security_settings();
		define_notice_settings();
		define_transfer_settings();
		MarkGUCPrefixReserved("jdblink");
		defined = true;

		/* A session value PostgreSQL refused was replaced by the built-in default. */
		for (int i = 0; i < SETTING_COUNT; i++)
			restore_pending[i] = before[i] != PGC_S_DEFAULT
				&& jdblink_find_config_option(setting_names[i])->reset_source != before[i];
	}
	/* Catalogs can be read only in a transaction; outside one, the first call does it. */
	if (IsTransactionState())
		restore_pending_values();
}

/*
 * Before the JVM is created, so before anything connects (always in a transaction: from
 * a SQL function): raises an ERROR while a setting's value is not known.
 */
void
jdblink_settings_check(void)
{
	restore_pending_values();
}
