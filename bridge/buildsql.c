/*
 * buildsql.c: dblink's local helper functions.
 *
 * dblink_build_sql_insert / _update / _delete: C opens the relation (with dblink's
 * SELECT privilege check), describes it with identifiers already quoted by the server
 * (its keyword list and quote_all_identifiers decide), and runs the query that finds the
 * source row through SPI, outside any Java frame, so that its errors (a key value the
 * column type rejects, say) are PostgreSQL's own with their QUERY and cursor position.
 * Java (org.jdblink.sqlbuild) checks the key arguments and writes both the source row
 * query and the statement.
 *
 * dblink_get_pkey and dblink_current_query are catalog and executor lookups with no
 * logic to delegate, so they do not call Java (and do not start the JVM).
 */
#include "jdblink.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/namespace.h"
#include "catalog/objectaddress.h"
#include "catalog/pg_index.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/varlena.h"

/*
 * The relation named by a (possibly qualified, possibly quoted) name, opened with
 * AccessShareLock after checking that the current user may SELECT from it.
 */
static Relation
open_readable_relation(text *relname)
{
	RangeVar   *range = makeRangeVarFromNameList(textToQualifiedNameList(relname));
	Relation	rel = table_openrv(range, AccessShareLock);
	AclResult	acl = pg_class_aclcheck(RelationGetRelid(rel), GetUserId(), ACL_SELECT);

	if (acl != ACLCHECK_OK)
		aclcheck_error(acl, get_relkind_objtype(rel->rd_rel->relkind),
					   RelationGetRelationName(rel));
	return rel;
}

/*
 * dblink_get_pkey(relname) returns setof dblink_pkey_results: the columns of the
 * relation's primary key in key order, none when it has no primary key.
 */
PG_FUNCTION_INFO_V1(jdblink_get_pkey);
Datum
jdblink_get_pkey(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	List	   *names;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcontext;
		Relation	rel;
		Relation	pg_index;
		ScanKeyData key;
		SysScanDesc scan;
		HeapTuple	index_tuple;
		TupleDesc	tupdesc;

		funcctx = SRF_FIRSTCALL_INIT();
		oldcontext = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);

		rel = open_readable_relation(PG_GETARG_TEXT_PP(0));

		/* the first index marked primary, as dblink (there is at most one) */
		names = NIL;
		pg_index = table_open(IndexRelationId, AccessShareLock);
		ScanKeyInit(&key, Anum_pg_index_indrelid, BTEqualStrategyNumber, F_OIDEQ,
					ObjectIdGetDatum(RelationGetRelid(rel)));
		scan = systable_beginscan(pg_index, IndexIndrelidIndexId, true, NULL, 1, &key);
		while (HeapTupleIsValid(index_tuple = systable_getnext(scan)))
		{
			Form_pg_index index = (Form_pg_index) GETSTRUCT(index_tuple);

			if (!index->indisprimary)
				continue;
			for (int i = 0; i < index->indnkeyatts; i++)
				names = lappend(names, SPI_fname(rel->rd_att, index->indkey.values[i]));
			break;
		}
		systable_endscan(scan);
		table_close(pg_index, AccessShareLock);
		table_close(rel, AccessShareLock);

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		funcctx->attinmeta = TupleDescGetAttInMetadata(tupdesc);
		funcctx->user_fctx = names;
		funcctx->max_calls = list_length(names);
		MemoryContextSwitchTo(oldcontext);
	}

	funcctx = SRF_PERCALL_SETUP();
	names = funcctx->user_fctx;
	if (funcctx->call_cntr < funcctx->max_calls)
	{
		char	   *values[2];

		values[0] = psprintf("%d", (int) funcctx->call_cntr + 1);
		values[1] = list_nth(names, funcctx->call_cntr);
		SRF_RETURN_NEXT(funcctx,
						HeapTupleGetDatum(BuildTupleFromCStrings(funcctx->attinmeta, values)));
	}
	SRF_RETURN_DONE(funcctx);
}

/* dblink_current_query(): the statement the client sent, as current_query(). */
PG_FUNCTION_INFO_V1(jdblink_current_query);
Datum
jdblink_current_query(PG_FUNCTION_ARGS)
{
	return current_query(fcinfo);
}

/* What one dblink_build_sql_* call passes to Java, and its result. */
typedef struct BuildSql
{
	char		kind;			/* 'I', 'U' or 'D', as BuildSqlCall */
	Relation	rel;
	int2vector *attnums;
	int32		count;
	ArrayType  *source;			/* NULL for DELETE */
	ArrayType  *target;
	text	   *result;
} BuildSql;

/* The elements of a text[] of any shape, in storage order; NULL elements stay null. */
static jobjectArray
text_array_elements(JNIEnv *env, ArrayType *array)
{
	Datum	   *values;
	bool	   *nulls;
	int			count;
	jobjectArray elements;

	if (array == NULL)
		return NULL;
	deconstruct_array(array, TEXTOID, -1, false, TYPALIGN_INT, &values, &nulls, &count);
	elements = jdblink_new_bytes_array(env, count);
	for (int i = 0; i < count; i++)
		jdblink_set_bytes_element(env, elements, i, nulls[i] ? NULL : TextDatumGetCString(values[i]));
	return elements;
}

/* The relation's name as SQL spells it: qualified only when not visible in the search path. */
static char *
relation_sql_name(Relation rel)
{
	char	   *schema = RelationIsVisible(RelationGetRelid(rel))
		? NULL : get_namespace_name(RelationGetNamespace(rel));

	return quote_qualified_identifier(schema, RelationGetRelationName(rel));
}

/* Quoted names of the physical columns, null for a dropped one. */
static jobjectArray
column_names(JNIEnv *env, TupleDesc tupdesc)
{
	jobjectArray names = jdblink_new_bytes_array(env, tupdesc->natts);

	for (int i = 0; i < tupdesc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(tupdesc, i);

		jdblink_set_bytes_element(env, names, i,
					att->attisdropped ? NULL : quote_identifier(NameStr(att->attname)));
	}
	return names;
}

static jshortArray
attnum_array(JNIEnv *env, int2vector *attnums)
{
	jshortArray array = (*env)->NewShortArray(env, attnums->dim1);

	if (array == NULL)
	{
		(*env)->ExceptionClear(env);
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	}
	(*env)->SetShortArrayRegion(env, array, 0, attnums->dim1, attnums->values);
	return array;
}

/*
 * Runs the source row query; returns how many rows it matched and, when exactly one,
 * its values as text by physical column (*row).
 */
static uint64
fetch_source_row(JNIEnv *env, const char *query, TupleDesc reltupdesc, jobjectArray *row)
{
	uint64		matched;

	*row = NULL;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	matched = SPI_exec(query, 0) == SPI_OK_SELECT ? SPI_processed : 0;
	if (matched == 1)
	{
		HeapTuple	tuple = SPI_tuptable->vals[0];
		TupleDesc	tupdesc = SPI_tuptable->tupdesc;

		*row = jdblink_new_bytes_array(env, tupdesc->natts);
		for (int i = 0; i < tupdesc->natts; i++)
		{
			if (TupleDescAttr(reltupdesc, i)->attisdropped)
				continue;
			jdblink_set_bytes_element(env, *row, i, SPI_getvalue(tuple, tupdesc, i + 1));
		}
	}
	SPI_finish();
	return matched;
}

static void
build_sql_body(JNIEnv *env, void *arg)
{
	BuildSql   *call = arg;
	TupleDesc	tupdesc = RelationGetDescr(call->rel);
	jobject		java_call;
	jbyteArray	query;
	uint64		matched = 0;
	jobjectArray row = NULL;

	java_call = jdblink_call_object(JAVA_BUILD_SQL, NULL,
									(jbyte) call->kind,
									jdblink_bytes_from_cstring(env, relation_sql_name(call->rel)),
									column_names(env, tupdesc),
									attnum_array(env, call->attnums),
									(jint) call->count,
									text_array_elements(env, call->source),
									text_array_elements(env, call->target));
	query = jdblink_call_object(JAVA_SOURCE_ROW_QUERY, java_call);
	if (query != NULL)
		matched = fetch_source_row(env, jdblink_cstring_from_bytes(env, query), tupdesc, &row);
	call->result = cstring_to_text(jdblink_cstring_from_bytes(env,
															  jdblink_call_object(JAVA_STATEMENT, java_call,
																				  (jlong) matched, row)));
}

static Datum
build_sql(FunctionCallInfo fcinfo, char kind, ArrayType *source, ArrayType *target)
{
	BuildSql	call;

	call.kind = kind;
	call.rel = open_readable_relation(PG_GETARG_TEXT_PP(0));
	call.attnums = (int2vector *) PG_GETARG_POINTER(1);
	call.count = PG_GETARG_INT32(2);
	call.source = source;
	call.target = target;
	call.result = NULL;
	jdblink_with_frame(build_sql_body, &call);
	table_close(call.rel, AccessShareLock);
	PG_RETURN_TEXT_P(call.result);
}

/* dblink_build_sql_insert(relname, pkattnums, pknumatts, src_pkattvals, tgt_pkattvals) */
PG_FUNCTION_INFO_V1(jdblink_build_sql_insert);
Datum
jdblink_build_sql_insert(PG_FUNCTION_ARGS)
{
	return build_sql(fcinfo, 'I', PG_GETARG_ARRAYTYPE_P(3), PG_GETARG_ARRAYTYPE_P(4));
}

/* dblink_build_sql_update(relname, pkattnums, pknumatts, src_pkattvals, tgt_pkattvals) */
PG_FUNCTION_INFO_V1(jdblink_build_sql_update);
Datum
jdblink_build_sql_update(PG_FUNCTION_ARGS)
{
	return build_sql(fcinfo, 'U', PG_GETARG_ARRAYTYPE_P(3), PG_GETARG_ARRAYTYPE_P(4));
}

/* dblink_build_sql_delete(relname, pkattnums, pknumatts, tgt_pkattvals) */
PG_FUNCTION_INFO_V1(jdblink_build_sql_delete);
Datum
jdblink_build_sql_delete(PG_FUNCTION_ARGS)
{
	return build_sql(fcinfo, 'D', NULL, PG_GETARG_ARRAYTYPE_P(3));
}
