/*
 * catalog.c: foreign servers as dblink uses them.
 *
 * - dblink_fdw_validator(text[], oid): the option names go to Java, which knows libpq's
 *   options and dblink's rules for them.
 * - CatalogServers.serverOptions0 (native): the foreign server of a name, the current
 *   user's mapping and the USAGE check, as dblink's get_connect_string does them. It runs
 *   inside a Java call, so PostgreSQL errors are caught (PG_TRY) and thrown to Java as a
 *   BackendError carrying the ErrorData fields; Java raises them again through the choke
 *   point, so the transaction aborts and cleans up as if they had been raised here.
 */
#include "jdblink.h"

#include "access/reloptions.h"
#include "catalog/pg_foreign_server.h"
#include "catalog/pg_user_mapping.h"
#include "foreign/foreign.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "parser/scansup.h"
#include "utils/acl.h"
#include "utils/builtins.h"

/* One option on its way to Java: 'S' (server) or 'U' (user mapping), name, value. */
typedef struct CatalogOption
{
	char		tag;
	char	   *name;
	char	   *value;
} CatalogOption;

static char *
to_utf8(const char *server_text)
{
	return jdblink_text_to_java(server_text, strlen(server_text));
}

/* The ErrorData fields converted to UTF-8; a field that does not convert stays as it is. */
static char *
to_utf8_quietly(const char *server_text)
{
	MemoryContext context = CurrentMemoryContext;
	char	   *volatile result = (char *) server_text;

	if (server_text == NULL)
		return NULL;
	PG_TRY();
	{
		result = to_utf8(server_text);
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(context);
		FlushErrorState();
	}
	PG_END_TRY();
	return result;
}

static void
throw_backend_error(JNIEnv *env, ErrorData *error)
{
	jclass		klass = (*env)->FindClass(env, "org/jdblink/bridge/BackendError");
	jmethodID	constructor;
	jobject		thrown;

	if (klass == NULL)
		return;					/* NoClassDefFoundError pending */
	constructor = (*env)->GetMethodID(env, klass, "<init>", "([B[B[B[B)V");
	if (constructor == NULL)
		return;
	thrown = (*env)->NewObject(env, klass, constructor,
							   jdblink_native_bytes(env, unpack_sql_state(error->sqlerrcode)),
							   jdblink_native_bytes(env, to_utf8_quietly(error->message)),
							   jdblink_native_bytes(env, to_utf8_quietly(error->detail)),
							   jdblink_native_bytes(env, to_utf8_quietly(error->hint)));
	if (thrown != NULL)
		(*env)->Throw(env, thrown);
}

static int
append_options(CatalogOption *out, int count, char tag, List *options)
{
	ListCell   *cell;

	foreach(cell, options)
	{
		DefElem    *def = lfirst(cell);

		out[count].tag = tag;
		out[count].name = to_utf8(def->defname);
		out[count].value = to_utf8(strVal(def->arg));
		count++;
	}
	return count;
}

/*
 * Like dblink: the name is truncated as an identifier is (silently), a missing user
 * mapping is reported before a missing USAGE privilege, and both use the current user.
 * Returns the number of options, or -1 when there is no such server.
 */
static int
lookup_server(const char *name, CatalogOption **options)
{
	char	   *srvname = pstrdup(name);
	ForeignServer *server;
	UserMapping *mapping;
	Oid			userid = GetUserId();
	AclResult	aclresult;

	truncate_identifier(srvname, strlen(srvname), false);
	server = GetForeignServerByName(srvname, true);
	if (server == NULL)
		return -1;
	mapping = GetUserMapping(userid, server->serverid);
	aclresult = pg_foreign_server_aclcheck(server->serverid, userid, ACL_USAGE);
	if (aclresult != ACLCHECK_OK)
		aclcheck_error(aclresult, OBJECT_FOREIGN_SERVER, server->servername);
	*options = palloc(sizeof(CatalogOption) *
					  (list_length(server->options) + list_length(mapping->options) + 1));
	return append_options(*options, append_options(*options, 0, 'S', server->options),
						  'U', mapping->options);
}

static jobjectArray JNICALL
native_server_options(JNIEnv *env, jclass klass, jbyteArray name)
{
	MemoryContext context = CurrentMemoryContext;
	CatalogOption *volatile options = NULL;
	volatile int count = -1;
	ErrorData  *volatile failure = NULL;
	jsize		length = (*env)->GetArrayLength(env, name);
	char	   *utf8 = palloc(length + 1);
	jclass		byte_array;
	jobjectArray result;

	if (!jdblink_on_main_thread())
	{
		jdblink_throw_illegal_state(env, "the catalog read off the backend's main thread");
		return NULL;
	}
	(*env)->GetByteArrayRegion(env, name, 0, length, (jbyte *) utf8);
	utf8[length] = '\0';
	PG_TRY();
	{
		CatalogOption *found = NULL;

		count = lookup_server(jdblink_text_from_java(utf8, length), &found);
		options = found;
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(context);
		failure = CopyErrorData();
		FlushErrorState();
	}
	PG_END_TRY();

	if (failure != NULL)
	{
		throw_backend_error(env, failure);
		return NULL;
	}
	if (count < 0)
		return NULL;
	byte_array = (*env)->FindClass(env, "[B");
	if (byte_array == NULL)
		return NULL;
	result = (*env)->NewObjectArray(env, count * 3, byte_array, NULL);
	for (int i = 0; result != NULL && i < count; i++)
	{
		char		tag[2] = {options[i].tag, '\0'};
		const char *parts[3] = {tag, options[i].name, options[i].value};

		for (int j = 0; j < 3; j++)
		{
			jbyteArray	bytes = jdblink_native_bytes(env, parts[j]);

			if (bytes == NULL)
				return NULL;	/* OutOfMemoryError pending */
			(*env)->SetObjectArrayElement(env, result, i * 3 + j, bytes);
			(*env)->DeleteLocalRef(env, bytes);
		}
	}
	return result;
}

bool
jdblink_register_catalog_natives(JNIEnv *env, char **failure)
{
	static JNINativeMethod methods[] = {
		{"serverOptions0", "([B)[[B", (void *) native_server_options},
	};

	return jdblink_register_class_natives(env, "org/jdblink/bridge/CatalogServers",
										  methods, lengthof(methods), failure);
}

/* What the validator hands to Java. */
typedef struct Validation
{
	List	   *options;
	jchar		context;
} Validation;

static void
validate_body(JNIEnv *env, void *arg)
{
	Validation *validation = arg;
	jclass		byte_array = (*env)->FindClass(env, "[B");
	jobjectArray names;
	int			i = 0;
	ListCell   *cell;

	if (byte_array == NULL)
		elog(ERROR, "jdblink: byte[] class not found");
	names = (*env)->NewObjectArray(env, list_length(validation->options), byte_array, NULL);
	if (names == NULL)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	foreach(cell, validation->options)
	{
		DefElem    *def = lfirst(cell);
		jbyteArray	name = jdblink_bytes_from_cstring(env, def->defname);

		(*env)->SetObjectArrayElement(env, names, i++, name);
		(*env)->DeleteLocalRef(env, name);
	}
	jdblink_call_static_object(jdblink_java.validate_fdw_options, names, validation->context);
}

/*
 * dblink_fdw_validator(options text[], catalog oid). Without options there is nothing
 * to refuse, so CREATE SERVER … OPTIONS () does not need the JVM.
 */
PG_FUNCTION_INFO_V1(jdblink_fdw_validator);
Datum
jdblink_fdw_validator(PG_FUNCTION_ARGS)
{
	Validation	validation;
	Oid			catalog = PG_GETARG_OID(1);

	validation.options = untransformRelOptions(PG_GETARG_DATUM(0));
	validation.context = catalog == ForeignServerRelationId ? 'S'
		: catalog == UserMappingRelationId ? 'U' : 'O';
	if (validation.options != NIL)
		jdblink_with_frame(validate_body, &validation);
	PG_RETURN_VOID();
}
