/*
 * binary_values.c: values that travelled in binary (docs/binary-transfer.md).
 *
 * dblink(), dblink_fetch and jdblink_query offer Java the columns of their FROM clause
 * (or local type) whose declared type is on a fixed list of built-in types; where the
 * remote column has that very type (and the remote's settings make its text form exact,
 * which Java checks) it arrives in the type's binary (send) form, and is read here into
 * the same Datum the text path would have built from the value's text: by the type's
 * receive function, with the column's type modifier, as the text path's input function
 * gets it. An array's receive function (array_recv) reads its elements with theirs.
 *
 * Text-like types (text, varchar, bpchar, name, json) are not offered: their binary form
 * is the very bytes of their text form, so binary would save nothing (nor would jsonb's,
 * a version byte before the text), while their receive functions would convert the bytes
 * from this session's client_encoding and check them against the database encoding,
 * which the text path does not do. A query whose columns are all of such types thus
 * keeps the simple protocol, without the round trip of a describe.
 */
#include "jdblink.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/lsyscache.h"

struct BinaryReader
{
	FmgrInfo	receive;
	Oid			ioparam;
	int32		typmod;
};

/*
 * The types offered, and their array types (listed, not looked up: int2vector and
 * oidvector are not arrays here).
 */
static const Oid offered_types[] =
{
	BOOLOID, INT2OID, INT4OID, INT8OID, FLOAT4OID, FLOAT8OID, NUMERICOID, OIDOID, BYTEAOID,
	DATEOID, TIMEOID, TIMESTAMPOID, TIMESTAMPTZOID, INTERVALOID, UUIDOID,
	BOOLARRAYOID, INT2ARRAYOID, INT4ARRAYOID, INT8ARRAYOID, FLOAT4ARRAYOID, FLOAT8ARRAYOID,
	NUMERICARRAYOID, OIDARRAYOID, BYTEAARRAYOID, DATEARRAYOID, TIMEARRAYOID,
	TIMESTAMPARRAYOID, TIMESTAMPTZARRAYOID, INTERVALARRAYOID, UUIDARRAYOID
};

/* Whether values of a column declared with this type may travel in binary. */
bool
jdblink_binary_offered(Oid type)
{
	for (int i = 0; i < lengthof(offered_types); i++)
		if (offered_types[i] == type)
			return true;
	return false;
}

/*
 * What dblink(), dblink_fetch and jdblink_query offer Java: per column the remote result
 * must have (the FROM clause's, or jdblink_query's type's attributes but dropped ones, or
 * its one scalar column), the declared type when it is offered, else 0; NULL when
 * jdblink.binary_transfer is off, when there is no such column list (a command's status
 * needs none), or no type is offered.
 */
jintArray
jdblink_binary_offer(JNIEnv *env, FunctionCallInfo fcinfo)
{
	Oid			scalar;
	TupleDesc	tupdesc;
	jint	   *types;
	int			count = 0;
	bool		any = false;
	jintArray	array;

	if (!jdblink_binary_transfer)
		return NULL;
	switch (get_call_result_type(fcinfo, &scalar, &tupdesc))
	{
		case TYPEFUNC_COMPOSITE:
			types = palloc(sizeof(jint) * Max(tupdesc->natts, 1));
			for (int i = 0; i < tupdesc->natts; i++)
				if (!TupleDescAttr(tupdesc, i)->attisdropped)
					types[count++] = (jint) TupleDescAttr(tupdesc, i)->atttypid;
			break;
		case TYPEFUNC_SCALAR:
			types = palloc(sizeof(jint));
			types[count++] = (jint) scalar;
			break;
		default:
			return NULL;
	}
	for (int i = 0; i < count; i++)
	{
		if (!jdblink_binary_offered((Oid) types[i]))
			types[i] = 0;
		any |= types[i] != 0;
	}
	if (!any)
		return NULL;
	array = (*env)->NewIntArray(env, count);
	if (array == NULL)
	{
		(*env)->ExceptionClear(env);
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	}
	(*env)->SetIntArrayRegion(env, array, 0, count, types);
	pfree(types);
	return array;
}

/* The reader of a binary column declared as type(typmod), an offered type (results.c checks). */
BinaryReader *
jdblink_binary_reader(Oid type, int32 typmod)
{
	BinaryReader *reader;
	Oid			function;

	reader = palloc0(sizeof(BinaryReader));
	getTypeBinaryInputInfo(type, &function, &reader->ioparam);
	fmgr_info(function, &reader->receive);
	reader->typmod = typmod;
	return reader;
}

/*
 * The Datum of a non-NULL binary value of length bytes at data, which the caller ends
 * with a NUL at data[length] (StringInfo's convention).
 */
Datum
jdblink_binary_read(BinaryReader *reader, char *data, int length)
{
	StringInfoData buffer;
	Datum		value;

	buffer.data = data;
	buffer.len = length;
	buffer.maxlen = length + 1;
	buffer.cursor = 0;
	value = ReceiveFunctionCall(&reader->receive, &buffer, reader->ioparam, reader->typmod);
	if (buffer.cursor != buffer.len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("incorrect binary data format in a remote value")));
	return value;
}
