/*
 * catalog.c: foreign servers as dblink uses them.
 *
 * - dblink_fdw_validator(text[], oid): the option names go to Java, which knows libpq's
 *   options and dblink's rules for them.
 * - CatalogServers.serverOptions0 (native): the foreign server of a name, the current
 *   user's mapping and the USAGE check, as dblink's get_connect_string does them. Their
 *   errors (no user mapping, no USAGE) reach Java as BackendError (the natives' guard),
 *   which the choke point raises again, so the transaction aborts and cleans up as if
 *   they had been raised here.
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
	aclresult = jdblink_foreign_server_aclcheck(server->serverid, userid, ACL_USAGE);
	if (aclresult != ACLCHECK_OK)
		aclcheck_error(aclresult, OBJECT_FOREIGN_SERVER, server->servername);
	*options = palloc(sizeof(CatalogOption) *
					  (list_length(server->options) + list_length(mapping->options) + 1));
	return append_options(*options, append_options(*options, 0, 'S', server->options),
						  'U', mapping->options);
}

/* The options as (tag, name, value) triples of byte[]; null when OutOfMemoryError is pending. */
static jobjectArray
option_triples(JNIEnv *env, const CatalogOption *options, int count)
{
	jobjectArray result = (*env)->NewObjectArray(env, count * 3,
												 jdblink_class(JAVA_CLASS_BYTE_ARRAY), NULL);

	for (int i = 0; result != NULL && i < count; i++)
	{
		char		tag[2] = {options[i].tag, '\0'};
		const char *parts[3] = {tag, options[i].name, options[i].value};

		for (int j = 0; j < 3; j++)
		{
			jbyteArray	bytes = jdblink_native_bytes(env, parts[j]);

			if (bytes == NULL)
				return NULL;
			(*env)->SetObjectArrayElement(env, result, i * 3 + j, bytes);
			(*env)->DeleteLocalRef(env, bytes);
		}
	}
	return result;
}

JNIEXPORT jobjectArray JNICALL
Java_org_jdblink_bridge_CatalogServers_serverOptions0(JNIEnv *env, jclass klass, jbyteArray name)
{
	jobjectArray volatile result = NULL;

	JDBLINK_NATIVE_BEGIN(env);
	{
		jsize		length = (*env)->GetArrayLength(env, name);
		char	   *utf8 = palloc(length + 1);
		CatalogOption *options = NULL;
		int			count;

		(*env)->GetByteArrayRegion(env, name, 0, length, (jbyte *) utf8);
		utf8[length] = '\0';
		count = lookup_server(jdblink_text_from_java(utf8, length), &options);
		if (count >= 0)
			result = option_triples(env, options, count);
	}
	JDBLINK_NATIVE_END();
	return result;
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
	jobjectArray names;
	int			i = 0;
	ListCell   *cell;

	names = (*env)->NewObjectArray(env, list_length(validation->options),
								   jdblink_class(JAVA_CLASS_BYTE_ARRAY), NULL);
	if (names == NULL)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	foreach(cell, validation->options)
	{
		DefElem    *def = lfirst(cell);
		jbyteArray	name = jdblink_bytes_from_cstring(env, def->defname);

		(*env)->SetObjectArrayElement(env, names, i++, name);
		(*env)->DeleteLocalRef(env, name);
	}
	jdblink_call_void(JAVA_VALIDATE_FDW_OPTIONS, NULL, names, validation->context);
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
