/*
 * results.c: dblink()'s rows, from the Java sink's batches into a tuplestore.
 *
 * Each QueryPump.pump() call fills a direct buffer with records (see README.md); C turns
 * them into tuples with the input functions of the columns the FROM clause declares, like
 * dblink's storeRow; a column that travelled in binary is read by binary_values.c. The
 * remote DateStyle and IntervalStyle, which come with each result, apply in a nested GUC
 * level from the first row on. QueryPump.close() ends every call
 * (it hands the batch buffer back, and after a local error ends the remote query too:
 * after a cancel by cancelling it, within the same bound as a cancel during a wait).
 *
 * A row too large for a batch (over 1 MB) does not pass through the Java heap: Java asks
 * for memory here (natives of CallValueMemory), fills it from the network, and the record
 * carries its address. The memory belongs to a context of the call, so an error anywhere
 * frees it with the call; once the tuple is built it is freed at once.
 */
#include "jdblink.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "port/pg_bswap.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/memutils.h"

/* Record tags written by org.jdblink.bridge.DirectBufferSink. */
#define RECORD_BEGIN	'B'
#define RECORD_ROW		'R'
#define RECORD_LARGE_ROW 'L'
#define RECORD_STATUS	'S'
#define RECORD_END		'E'
#define RECORD_DISCARD	'X'
#define RECORD_FROM		'F'

/* Settings that change how values are written as text (dblink's list, Java's order). */
#define IO_SETTINGS 2
static const char *const io_settings[IO_SETTINGS] = {"DateStyle", "IntervalStyle"};

typedef struct Materializer
{
	FunctionCallInfo fcinfo;
	jobject		pump;
	Oid			rowtype;		/* jdblink_query's type, or InvalidOid for dblink() */
	Tuplestorestate *tuplestore;	/* of the current result, or NULL */
	AttInMetadata *attinmeta;
	int			columns;
	int		   *attributes;		/* per remote column, the attribute it fills (0-based) */
	char	  **values;			/* per attribute, NUL-terminated */
	int32	   *lengths;		/* per attribute, of its value */
	BinaryReader **readers;		/* per attribute, for a binary one; NULL: all text */
	Datum	   *datums;			/* per attribute, of the tuple being built */
	bool	   *nulls;
	char	   *remote_settings[IO_SETTINGS];	/* of the current result, or NULL */
	bool		awaiting_first_row; /* of the current result */
	int			guc_nestlevel;	/* -1 until remote settings were applied */
	MemoryContext row_context;	/* reset after each row */
	MemoryContext large_rows;	/* large row bodies Java fills (CallValueMemory) */
	/* jdblink_query_all: the first attribute of every row is one of these (else NULL) */
	char	  **sources;
	int			source_count;
	int			source;			/* of the rows that follow; -1 before the first */
} Materializer;

/* Where CallValueMemory allocates: the large_rows of the innermost materialize call. */
static MemoryContext large_row_context = NULL;

/* A batch being read; every read is bounds-checked against what Java wrote. */
typedef struct BatchReader
{
	const char *data;
	int32		length;
	int32		offset;
} BatchReader;

static void
need(BatchReader *reader, int32 bytes)
{
	if (bytes < 0 || bytes > reader->length - reader->offset)
		elog(ERROR, "jdblink: malformed result batch from Java");
}

static int32
read_native_int32(BatchReader *reader)
{
	int32		value;

	need(reader, sizeof(int32));
	memcpy(&value, reader->data + reader->offset, sizeof(int32));
	reader->offset += sizeof(int32);
	return value;
}

/* A UTF-8 string (int32 length, -1 = NULL) in the database encoding. */
static char *
read_string(BatchReader *reader)
{
	int32		length = read_native_int32(reader);
	char	   *value;

	if (length < 0)
		return NULL;
	need(reader, length);
	value = palloc(length + 1);
	memcpy(value, reader->data + reader->offset, length);
	value[length] = '\0';
	reader->offset += length;
	return jdblink_text_from_java(value, length);
}

static Tuplestorestate *
new_tuplestore(Materializer *m, TupleDesc tupdesc)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) m->fcinfo->resultinfo;
	MemoryContext caller = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);

	if (m->tuplestore != NULL)
		tuplestore_end(m->tuplestore);
	m->tuplestore = tuplestore_begin_heap(true, false, work_mem);
	rsinfo->setResult = m->tuplestore;
	rsinfo->setDesc = tupdesc;
	MemoryContextSwitchTo(caller);
	return m->tuplestore;
}

/*
 * The tuple descriptor of jdblink_query's result: its rowtype's, or for a scalar type one
 * column of it.
 */
static TupleDesc
rowtype_descriptor(Materializer *m)
{
	Oid			type;
	TupleDesc	tupdesc;

	switch (get_call_result_type(m->fcinfo, &type, &tupdesc))
	{
		case TYPEFUNC_COMPOSITE:
			return tupdesc;
		case TYPEFUNC_SCALAR:
			tupdesc = CreateTemplateTupleDesc(1);
			TupleDescInitEntry(tupdesc, (AttrNumber) 1, "jdblink_query", type, -1, 0);
			return tupdesc;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("rowtype must be of a composite type or a scalar type, not %s",
							format_type_be(m->rowtype))));
			return NULL;
	}
}

/*
 * dblink()'s: the columns of the FROM clause's column definition list (not a copy), or
 * dblink's error when there is none.
 */
TupleDesc
jdblink_result_tupdesc(FunctionCallInfo fcinfo)
{
	TupleDesc	tupdesc;

	switch (get_call_result_type(fcinfo, NULL, &tupdesc))
	{
		case TYPEFUNC_COMPOSITE:
			break;
		case TYPEFUNC_RECORD:
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("function returning record called in context "
							"that cannot accept type record")));
			break;
		default:
			elog(ERROR, "return type must be a row type");
			break;
	}
	return tupdesc;
}

/* The arrays a row of tupdesc is built in; a dropped attribute stays NULL. */
static void
prepare_values(Materializer *m, TupleDesc tupdesc)
{
	int			natts = Max(tupdesc->natts, 1);

	m->attinmeta = TupleDescGetAttInMetadata(tupdesc);
	m->values = palloc0(natts * sizeof(char *));
	m->lengths = palloc0(natts * sizeof(int32));
	m->datums = palloc(natts * sizeof(Datum));
	m->nulls = palloc(natts * sizeof(bool));
	m->readers = NULL;
}

/*
 * The readers of the columns that travel in binary (format 1), per attribute; NULL when
 * none does. Java asks for binary only where the remote type is the declared one and C
 * offered it: anything else is a broken batch.
 */
static BinaryReader **
binary_readers(Materializer *m, TupleDesc tupdesc, const Oid *remote_types, const char *formats)
{
	BinaryReader **readers = NULL;

	for (int i = 0; i < m->columns; i++)
	{
		Form_pg_attribute att = TupleDescAttr(tupdesc, m->attributes[i]);

		if (formats[i] == 0)
			continue;
		if (formats[i] != 1 || att->atttypid != remote_types[i] || !jdblink_binary_offered(att->atttypid))
			elog(ERROR, "jdblink: malformed result batch from Java");
		if (readers == NULL)
			readers = palloc0(Max(tupdesc->natts, 1) * sizeof(BinaryReader *));
		readers[m->attributes[i]] = jdblink_binary_reader(att->atttypid, att->atttypmod);
	}
	return readers;
}

/*
 * The row's tuple, as BuildTupleFromCStrings builds it from the text values (input
 * functions run for NULLs too, in attribute order), but with the binary ones read by
 * their readers.
 */
static HeapTuple
build_tuple(Materializer *m)
{
	AttInMetadata *meta = m->attinmeta;
	TupleDesc	tupdesc = meta->tupdesc;

	for (int i = 0; i < tupdesc->natts; i++)
	{
		char	   *value = m->values[i];

		bool		dropped = TupleDescAttr(tupdesc, i)->attisdropped;

		m->nulls[i] = value == NULL || dropped;
		if (dropped)
			m->datums[i] = (Datum) 0;
		else if (value != NULL && m->readers != NULL && m->readers[i] != NULL)
			m->datums[i] = jdblink_binary_read(m->readers[i], value, m->lengths[i]);
		else
			m->datums[i] = InputFunctionCall(&meta->attinfuncs[i], value, meta->attioparams[i],
											 meta->atttypmods[i]);
	}
	return heap_form_tuple(tupdesc, m->datums, m->nulls);
}

/*
 * A tuples result begins: it must match the FROM clause (dblink), or jdblink_query's
 * type, even when it has no rows.
 */
static void
begin_result(Materializer *m, BatchReader *reader)
{
	int32		columns = read_native_int32(reader);
	Oid		   *remote_types;
	const char *formats;
	TupleDesc	tupdesc;

	for (int i = 0; i < IO_SETTINGS; i++)
		m->remote_settings[i] = read_string(reader);
	need(reader, columns * (int32) sizeof(int32));
	remote_types = palloc(sizeof(Oid) * Max(columns, 1));
	for (int i = 0; i < columns; i++)
		remote_types[i] = (Oid) read_native_int32(reader);
	need(reader, columns);
	formats = reader->data + reader->offset;
	reader->offset += columns;

	tupdesc = CreateTupleDescCopy(OidIsValid(m->rowtype) ? rowtype_descriptor(m) : jdblink_result_tupdesc(m->fcinfo));
	if (OidIsValid(m->rowtype))
		m->attributes = jdblink_match_rowtype(tupdesc, m->rowtype, columns, remote_types);
	else
	{
		if (columns != tupdesc->natts)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("remote query result rowtype does not match "
							"the specified FROM clause rowtype")));
		m->attributes = palloc(sizeof(int) * Max(columns, 1));
		for (int i = 0; i < columns; i++)
			m->attributes[i] = i;
	}
	m->columns = columns;
	prepare_values(m, tupdesc);
	m->readers = binary_readers(m, tupdesc, remote_types, formats);
	m->awaiting_first_row = true;
	new_tuplestore(m, tupdesc);
}

/* Makes values read like the remote wrote them; the GUC level is popped at the end. */
static void
apply_remote_settings(Materializer *m)
{
	for (int i = 0; i < IO_SETTINGS; i++)
	{
		const char *remote = m->remote_settings[i];

		if (remote == NULL || strcmp(remote, GetConfigOption(io_settings[i], false, false)) == 0)
			continue;
		if (m->guc_nestlevel < 0)
			m->guc_nestlevel = NewGUCNestLevel();
		(void) set_config_option(io_settings[i], remote, PGC_USERSET, PGC_S_SESSION,
								 GUC_ACTION_SAVE, true, 0, false);
	}
}

/*
 * One DataRow body (big-endian, as on the wire) becomes one tuple. Values are not copied
 * but terminated where they are: each value ends where the next length word begins (read
 * before it is overwritten), the last one at the byte after the body, which the caller
 * provides (input functions expect NUL-terminated strings, receive functions a NUL after
 * the data).
 */
static void
store_body(Materializer *m, char *data, int32 length)
{
	BatchReader body = {data, length, 0};
	uint16		count;
	MemoryContext caller;
	bool		previous_open = false;

	if (m->tuplestore == NULL || m->values == NULL)
		elog(ERROR, "jdblink: row outside a tuples result");
	if (m->sources != NULL)
	{
		if (m->source < 0)
			elog(ERROR, "jdblink: row of no remote in jdblink_query_all's result");
		m->values[0] = m->sources[m->source];
	}
	if (m->awaiting_first_row && m->guc_nestlevel < 0)
		apply_remote_settings(m);
	m->awaiting_first_row = false;

	need(&body, sizeof(uint16));
	memcpy(&count, body.data, sizeof(uint16));
	body.offset += sizeof(uint16);
	if (pg_ntoh16(count) != m->columns)
		elog(ERROR, "jdblink: row has %d columns, result has %d", pg_ntoh16(count), m->columns);

	caller = MemoryContextSwitchTo(m->row_context);
	for (int i = 0; i < m->columns; i++)
	{
		uint32		raw;
		int32		size;

		need(&body, sizeof(uint32));
		memcpy(&raw, body.data + body.offset, sizeof(uint32));
		if (previous_open)
			data[body.offset] = '\0';
		body.offset += sizeof(uint32);
		size = (int32) pg_ntoh32(raw);
		previous_open = false;
		if (size < 0)
		{
			m->values[m->attributes[i]] = NULL;
			continue;
		}
		need(&body, size);
		m->lengths[m->attributes[i]] = size;
		m->values[m->attributes[i]] = data + body.offset;
		previous_open = true;
		body.offset += size;
	}
	if (previous_open)
		data[body.offset] = '\0';
	tuplestore_puttuple(m->tuplestore, build_tuple(m));
	MemoryContextSwitchTo(caller);
	MemoryContextReset(m->row_context);
}

/*
 * An 'R' record: the body is in the batch, and its values are terminated in place; the
 * byte after the body, which Java always leaves room for, is borrowed for the last one.
 */
static void
store_row(Materializer *m, BatchReader *reader, int32 length)
{
	char	   *data;
	char		after;

	need(reader, length);
	data = unconstify(char *, reader->data + reader->offset);
	reader->offset += length;
	after = data[length];
	store_body(m, data, length);
	data[length] = after;
}

/* An 'L' record: the body is in large_rows memory, one byte longer than the body. */
static void
store_large_row(Materializer *m, BatchReader *reader)
{
	int32		length = read_native_int32(reader);
	int64		address;
	char	   *data;

	need(reader, sizeof(int64));
	memcpy(&address, reader->data + reader->offset, sizeof(int64));
	reader->offset += sizeof(int64);
	data = (char *) (uintptr_t) address;
	if (data == NULL || length < 0 || GetMemoryChunkContext(data) != m->large_rows)
		elog(ERROR, "jdblink: malformed result batch from Java");
	store_body(m, data, length);
	pfree(data);
}

/* A command result: one text column "status", replacing any earlier result. */
static void
store_status(Materializer *m, BatchReader *reader)
{
	TupleDesc	tupdesc = CreateTemplateTupleDesc(1);
	char	   *values[1];

	if (OidIsValid(m->rowtype))
		ereport(ERROR,
				(errcode(ERRCODE_S_R_E_PROHIBITED_SQL_STATEMENT_ATTEMPTED),
				 errmsg("remote statement returns no rows"),
				 errhint("jdblink_query returns the rows of a query; dblink_exec runs a command.")));
	TupleDescInitEntry(tupdesc, (AttrNumber) 1, "status", TEXTOID, -1, 0);
	values[0] = read_string(reader);
	if (values[0] == NULL)
		elog(ERROR, "jdblink: command status without a tag");
	tuplestore_puttuple(new_tuplestore(m, tupdesc),
						BuildTupleFromCStrings(TupleDescGetAttInMetadata(tupdesc), values));
	m->values = NULL;
}

/*
 * jdblink_query_all: the rows that follow are those of one remote, the source-th element
 * of the array, with that remote's settings (which may differ from the last one's).
 */
static void
rows_from(Materializer *m, BatchReader *reader)
{
	int32		source = read_native_int32(reader);
	MemoryContext caller;

	if (m->sources == NULL || source < 0 || source >= m->source_count)
		elog(ERROR, "jdblink: malformed result batch from Java");
	m->source = source;
	caller = MemoryContextSwitchTo(m->row_context);
	for (int i = 0; i < IO_SETTINGS; i++)
		m->remote_settings[i] = read_string(reader);
	apply_remote_settings(m);
	for (int i = 0; i < IO_SETTINGS; i++)
		m->remote_settings[i] = NULL;
	MemoryContextSwitchTo(caller);
	MemoryContextReset(m->row_context);
}

/* Records that replace the result: jdblink_query_all's rows of all remotes are one result. */
static void
one_result_only(Materializer *m, char tag)
{
	if (m->sources != NULL)
		elog(ERROR, "jdblink: record '%c' in jdblink_query_all's result", tag);
}

/* A failed result whose rows already streamed: the function returns an empty set. */
static void
discard_result(Materializer *m)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) m->fcinfo->resultinfo;

	if (m->tuplestore != NULL)
		tuplestore_end(m->tuplestore);
	m->tuplestore = NULL;
	m->values = NULL;
	rsinfo->setResult = NULL;
	rsinfo->setDesc = NULL;
}

/* Consumes one batch; true when it holds the END record. */
static bool
consume_batch(Materializer *m, const char *data, int32 length)
{
	BatchReader reader = {data, length, 0};

	while (reader.offset < reader.length)
	{
		char		tag = reader.data[reader.offset++];

		switch (tag)
		{
			case RECORD_BEGIN:
				one_result_only(m, tag);
				begin_result(m, &reader);
				break;
			case RECORD_ROW:
				store_row(m, &reader, read_native_int32(&reader));
				break;
			case RECORD_LARGE_ROW:
				store_large_row(m, &reader);
				break;
			case RECORD_STATUS:
				one_result_only(m, tag);
				store_status(m, &reader);
				break;
			case RECORD_DISCARD:
				one_result_only(m, tag);
				discard_result(m);
				break;
			case RECORD_FROM:
				rows_from(m, &reader);
				break;
			case RECORD_END:
				return true;
			default:
				elog(ERROR, "jdblink: unknown record '%c' in result batch", tag);
		}
	}
	return false;
}

/*
 * In PG_CATCH: whether the error on its way up is a cancel (statement_timeout,
 * pg_cancel_backend). The remote query is then cancelled within a bound instead of
 * being read to its end. CopyErrorData may not run in ErrorContext, hence the switch.
 */
static bool
error_is_cancel(MemoryContext context)
{
	MemoryContext old = MemoryContextSwitchTo(context);
	ErrorData  *edata = CopyErrorData();
	bool		cancel = edata->sqlerrcode == ERRCODE_QUERY_CANCELED;

	FreeErrorData(edata);
	MemoryContextSwitchTo(old);
	return cancel;
}

/* A Materializer for fcinfo's call; *m is zeroed. */
static void
init_materializer(Materializer *m, FunctionCallInfo fcinfo, jobject pump)
{
	m->fcinfo = fcinfo;
	m->pump = pump;
	m->guc_nestlevel = -1;
	m->source = -1;
	m->row_context = AllocSetContextCreate(CurrentMemoryContext, "jdblink row",
										   ALLOCSET_DEFAULT_SIZES);
	m->large_rows = AllocSetContextCreate(CurrentMemoryContext, "jdblink large values",
										  ALLOCSET_DEFAULT_SIZES);
}

/* Pumps the QueryPump to its end into the function's tuplestore result. */
static void
materialize(Materializer *m)
{
	JNIEnv	   *env = jdblink_env();
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext outer_large_rows = large_row_context;

	large_row_context = m->large_rows;
	PG_TRY();
	{
		bool		ended = false;

		while (!ended)
		{
			jobject		buffer;
			const char *data;
			int32		length;

			CHECK_FOR_INTERRUPTS();
			buffer = jdblink_call_object(JAVA_PUMP, m->pump);
			data = buffer ? (*env)->GetDirectBufferAddress(env, buffer) : NULL;
			if (data == NULL)
				elog(ERROR, "jdblink: result batch is not a direct buffer");
			memcpy(&length, data, sizeof(int32));
			ended = consume_batch(m, data + sizeof(int32), length);
			(*env)->DeleteLocalRef(env, buffer);
		}
	}
	PG_CATCH();
	{
		/* ends the remote query early and takes back the batch buffer */
		jdblink_call_void_quietly(JAVA_PUMP_CLOSE, m->pump, (jboolean) error_is_cancel(caller));
		large_row_context = outer_large_rows;
		MemoryContextDelete(m->large_rows);
		PG_RE_THROW();
	}
	PG_END_TRY();
	jdblink_call_void_quietly(JAVA_PUMP_CLOSE, m->pump, JNI_FALSE);
	large_row_context = outer_large_rows;
	MemoryContextDelete(m->large_rows);

	if (m->guc_nestlevel > 0)
		AtEOXact_GUC(true, m->guc_nestlevel);
	MemoryContextDelete(m->row_context);
}

/* Pumps a QueryPump to its end into the function's tuplestore result. */
void
jdblink_materialize(FunctionCallInfo fcinfo, jobject pump)
{
	jdblink_materialize_as(fcinfo, pump, InvalidOid);
}

/* As jdblink_materialize, the rows shaped by rowtype (InvalidOid: by the FROM clause). */
void
jdblink_materialize_as(FunctionCallInfo fcinfo, jobject pump, Oid rowtype)
{
	Materializer m = {0};

	init_materializer(&m, fcinfo, pump);
	m.rowtype = rowtype;
	materialize(&m);
}

/*
 * jdblink_query_all: as jdblink_materialize, into one result of the row type tupdesc (a
 * copy of jdblink_result_tupdesc's), which exists before any row arrives, so that no rows
 * at all is an empty set. The first attribute of each row is one of the count sources (the
 * elements of the array, as given), as the 'F' records say; the remote row fills the rest.
 */
void
jdblink_materialize_from(FunctionCallInfo fcinfo, jobject pump, TupleDesc tupdesc,
						 char **sources, int count)
{
	Materializer m = {0};

	init_materializer(&m, fcinfo, pump);
	m.sources = sources;
	m.source_count = count;
	m.columns = tupdesc->natts - 1;
	m.attributes = palloc(sizeof(int) * Max(m.columns, 1));
	for (int i = 0; i < m.columns; i++)
		m.attributes[i] = i + 1;
	prepare_values(&m, tupdesc);
	new_tuplestore(&m, tupdesc);
	materialize(&m);
}

/*
 * Natives of CallValueMemory. A request made outside a materialize call throws
 * IllegalStateException; no memory gives 0.
 */
JNIEXPORT jlong JNICALL
Java_org_jdblink_bridge_CallValueMemory_allocate0(JNIEnv *env, jclass klass, jint size)
{
	volatile jlong address = 0;

	JDBLINK_NATIVE_BEGIN(env);
	if (large_row_context == NULL || size < 0)
		jdblink_throw_illegal_state(env, "large row memory requested outside a result being stored");
	else
		/* one byte more for the last value's terminating NUL (store_body) */
		address = (jlong) (uintptr_t) MemoryContextAllocExtended(large_row_context, (Size) size + 1,
																 MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
	JDBLINK_NATIVE_END();
	return address;
}

JNIEXPORT jobject JNICALL
Java_org_jdblink_bridge_CallValueMemory_buffer0(JNIEnv *env, jclass klass, jlong address, jint size)
{
	JDBLINK_NATIVE_VALUE(env, jobject, NULL,
						 (*env)->NewDirectByteBuffer(env, (void *) (uintptr_t) address, size));
}

JNIEXPORT void JNICALL
Java_org_jdblink_bridge_CallValueMemory_free0(JNIEnv *env, jclass klass, jlong address)
{
	JDBLINK_NATIVE_BEGIN(env);
	pfree((void *) (uintptr_t) address);
	JDBLINK_NATIVE_END();
}
