/*
 * compat.h: the one place where the bridge differs between PostgreSQL major versions
 * (15 to 18). Every other file is written against the names defined here, so a new
 * major version means editing this header, not hunting for #if's.
 */
#ifndef JDBLINK_COMPAT_H
#define JDBLINK_COMPAT_H

#include "postgres.h"

/* 16 moved the varlena macros (VARDATA_ANY, VARSIZE_ANY_EXHDR, ...) out of postgres.h. */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/* 16 replaced the per-object-kind ACL checks with one for every catalog. */
#if PG_VERSION_NUM >= 160000
#include "catalog/pg_foreign_server.h"
#define jdblink_foreign_server_aclcheck(serverid, userid, mode) \
	object_aclcheck(ForeignServerRelationId, (serverid), (userid), (mode))
#else
#define jdblink_foreign_server_aclcheck(serverid, userid, mode) \
	pg_foreign_server_aclcheck((serverid), (userid), (mode))
#endif

/* 18 lets a module declare its name and version, shown by pg_get_loaded_modules(). */
#if PG_VERSION_NUM >= 180000
#define JDBLINK_MODULE_MAGIC PG_MODULE_MAGIC_EXT(.name = "jdblink", .version = "1.1")
#else
#define JDBLINK_MODULE_MAGIC PG_MODULE_MAGIC
#endif

/*
 * 18 keeps the SCRAM keys of the client's own login in its Port, for use_scram_passthrough.
 * Points at the session's ClientKey and ServerKey and returns their length, or returns 0
 * when it has none: before 18 always, and outside a client's session (no Port).
 */
#if PG_VERSION_NUM >= 180000
/*
 * libpq-be.h wants the Kerberos headers when PostgreSQL was built with GSSAPI, only for
 * types behind a pointer: the Port's layout is the same either way (the header keeps it
 * so for extensions), so it is read here as a build without GSSAPI declares it.
 */
#ifdef ENABLE_GSS
#undef ENABLE_GSS
#include "libpq/libpq-be.h"
#define ENABLE_GSS 1
#else
#include "libpq/libpq-be.h"
#endif
#include "miscadmin.h"
#endif

static inline int
jdblink_session_scram_keys(const uint8 **client_key, const uint8 **server_key)
{
#if PG_VERSION_NUM >= 180000
	if (MyProcPort == NULL || !MyProcPort->has_scram_keys)
		return 0;
	*client_key = MyProcPort->scram_ClientKey;
	*server_key = MyProcPort->scram_ServerKey;
	return sizeof(MyProcPort->scram_ClientKey);
#else
	return 0;
#endif
}

/*
 * 17 lets a module register wait events of its own (WaitEventExtensionNew: registered once
 * for the cluster, found again by name, shown as Extension / NAME); it fails when the
 * cluster has no room for another. Before 17 a module has the one event Extension /
 * Extension, whatever it waits for.
 */
#include "utils/wait_event.h"
#if PG_VERSION_NUM >= 170000
#define jdblink_extension_wait_event(name) WaitEventExtensionNew(name)
#else
#define jdblink_extension_wait_event(name) ((void) (name), (uint32) PG_WAIT_EXTENSION)
#endif

/* The GUC record of a setting, placeholder or real; NULL if there is none. */
#include "utils/guc_tables.h"

static inline struct config_generic *
jdblink_find_config_option(const char *name)
{
#if PG_VERSION_NUM >= 160000
	return find_option(name, false, true, ERROR);
#else
	/* find_option is static before 16; the array of all settings is exported instead. */
	struct config_generic **all = get_guc_variables();
	int			count = GetNumConfigOptions();

	for (int i = 0; i < count; i++)
		if (pg_strcasecmp(all[i]->name, name) == 0)
			return all[i];
	return NULL;
#endif
}

#endif							/* JDBLINK_COMPAT_H */
