/*
 * binary_values.c: values that travelled in binary (docs/binary-transfer.md).
 *
 * dblink() and dblink_fetch offer Java the columns of their FROM clause whose declared
 * type is on a fixed list of built-in types; where the remote column has that very type
 * it arrives in the type's binary (send) form, and is read here into the same Datum the
 * text path would have built from the value's text. Most types are read by their receive
 * function, with the column's type modifier, as the text path's input function gets it.
 *
 * Text-like types (text, varchar, bpchar, name, json, and jsonb after its version byte)
 * send the very bytes of their text form, but their receive functions would convert them
 * from this session's client_encoding and check them against the database encoding; the
 * bytes are in the database encoding already (the remote converts them, as it converts
 * text), and the text path checks nothing. So they go through the input function, exactly
 * as in the text path. Arrays are taken apart here, for the same reason: array_recv would
 * use the elements' receive functions.
 */
#include "jdblink.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

typedef enum ValueForm
{
	FORM_RECEIVED,				/* the receive function reads the binary form */
	FORM_TEXT,					/* the binary form is the text form: input function */
	FORM_JSONB					/* a version byte (1), then the text form */
} ValueForm;

typedef struct ScalarReader
{
	ValueForm	form;
	FmgrInfo	proc;			/* receive function, or input function */
	Oid			ioparam;
	int32		typmod;
} ScalarReader;

struct BinaryReader
{
	ScalarReader value;			/* of the column, or of its elements */
	bool		array;
	Oid			element;
	int16		elmlen;
	bool		elmbyval;
	char		elmalign;
};

/* The types offered, with the form their binary values take. */
static const struct
{
	Oid			type;
	ValueForm	form;
}			scalar_types[] =
{
	{BOOLOID, FORM_RECEIVED}, {INT2OID, FORM_RECEIVED}, {INT4OID, FORM_RECEIVED},
	{INT8OID, FORM_RECEIVED}, {FLOAT4OID, FORM_RECEIVED}, {FLOAT8OID, FORM_RECEIVED},
	{NUMERICOID, FORM_RECEIVED}, {OIDOID, FORM_RECEIVED}, {BYTEAOID, FORM_RECEIVED},
	{DATEOID, FORM_RECEIVED}, {TIMEOID, FORM_RECEIVED}, {TIMESTAMPOID, FORM_RECEIVED},
	{TIMESTAMPTZOID, FORM_RECEIVED}, {INTERVALOID, FORM_RECEIVED}, {UUIDOID, FORM_RECEIVED},
	{TEXTOID, FORM_TEXT}, {VARCHAROID, FORM_TEXT}, {BPCHAROID, FORM_TEXT},
	{NAMEOID, FORM_TEXT}, {JSONOID, FORM_TEXT}, {JSONBOID, FORM_JSONB}
};

/* Their array types (listed, not looked up: int2vector and oidvector are not arrays here). */
static const struct
{
	Oid			array;
	Oid			element;
}			array_types[] =
{
	{BOOLARRAYOID, BOOLOID}, {INT2ARRAYOID, INT2OID}, {INT4ARRAYOID, INT4OID},
	{INT8ARRAYOID, INT8OID}, {FLOAT4ARRAYOID, FLOAT4OID}, {FLOAT8ARRAYOID, FLOAT8OID},
	{NUMERICARRAYOID, NUMERICOID}, {OIDARRAYOID, OIDOID}, {BYTEAARRAYOID, BYTEAOID},
	{DATEARRAYOID, DATEOID}, {TIMEARRAYOID, TIMEOID}, {TIMESTAMPARRAYOID, TIMESTAMPOID},
	{TIMESTAMPTZARRAYOID, TIMESTAMPTZOID}, {INTERVALARRAYOID, INTERVALOID}, {UUIDARRAYOID, UUIDOID},
	{TEXTARRAYOID, TEXTOID}, {VARCHARARRAYOID, VARCHAROID}, {BPCHARARRAYOID, BPCHAROID},
	{NAMEARRAYOID, NAMEOID}, {JSONARRAYOID, JSONOID}, {JSONBARRAYOID, JSONBOID}
};

static bool
scalar_form(Oid type, ValueForm *form)
{
	for (int i = 0; i < lengthof(scalar_types); i++)
		if (scalar_types[i].type == type)
		{
			*form = scalar_types[i].form;
			return true;
		}
	return false;
}

static Oid
array_element(Oid type)
{
	for (int i = 0; i < lengthof(array_types); i++)
		if (array_types[i].array == type)
			return array_types[i].element;
	return InvalidOid;
}

/* Whether values of a column declared with this type may travel in binary. */
bool
jdblink_binary_offered(Oid type)
{
	ValueForm	form;

	return scalar_form(type, &form) || OidIsValid(array_element(type));
}

/*
 * What dblink() and dblink_fetch offer Java: per column of the FROM clause the declared
 * type when it is offered, else 0; NULL when jdblink.binary_transfer is off, when there
 * is no column definition list (a command's status needs none), or no type is offered.
 */
jintArray
jdblink_binary_offer(JNIEnv *env, FunctionCallInfo fcinfo)
{
	TupleDesc	tupdesc;
	jint	   *types;
	bool		any = false;
	jintArray	array;

	if (!jdblink_binary_transfer ||
		get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		return NULL;
	types = palloc(sizeof(jint) * Max(tupdesc->natts, 1));
	for (int i = 0; i < tupdesc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(tupdesc, i);

		types[i] = !att->attisdropped && jdblink_binary_offered(att->atttypid) ? (jint) att->atttypid : 0;
		any |= types[i] != 0;
	}
	if (!any)
		return NULL;
	array = (*env)->NewIntArray(env, tupdesc->natts);
	if (array == NULL)
	{
		(*env)->ExceptionClear(env);
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	}
	(*env)->SetIntArrayRegion(env, array, 0, tupdesc->natts, types);
	pfree(types);
	return array;
}

static void
init_scalar(ScalarReader *reader, Oid type, int32 typmod)
{
	Oid			function;

	if (!scalar_form(type, &reader->form))
		elog(ERROR, "jdblink: type %u has no binary reader", type);
	if (reader->form == FORM_RECEIVED)
		getTypeBinaryInputInfo(type, &function, &reader->ioparam);
	else
		getTypeInputInfo(type, &function, &reader->ioparam);
	fmgr_info(function, &reader->proc);
	reader->typmod = typmod;
}

/*
 * The reader of a binary column declared as type(typmod), which must be offered; NULL
 * for a text-like scalar type, whose binary value the text path reads as it is.
 */
BinaryReader *
jdblink_binary_reader(Oid type, int32 typmod)
{
	BinaryReader *reader = palloc0(sizeof(BinaryReader));
	ValueForm	form;

	reader->element = array_element(type);
	reader->array = OidIsValid(reader->element);
	if (reader->array)
	{
		/* elements get the column's modifier, as array_in and array_recv give it */
		init_scalar(&reader->value, reader->element, typmod);
		get_typlenbyvalalign(reader->element, &reader->elmlen, &reader->elmbyval, &reader->elmalign);
	}
	else if (scalar_form(type, &form) && form == FORM_TEXT)
	{
		pfree(reader);
		return NULL;
	}
	else
		init_scalar(&reader->value, type, typmod);
	return reader;
}

static void
incorrect_format(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("incorrect binary data format in a remote value")));
}

/* One value: length bytes at data, followed by a NUL (the text path's strings are so ended). */
static Datum
read_scalar(ScalarReader *reader, char *data, int length)
{
	StringInfoData buffer;
	Datum		value;

	switch (reader->form)
	{
		case FORM_TEXT:
			return InputFunctionCall(&reader->proc, data, reader->ioparam, reader->typmod);
		case FORM_JSONB:
			if (length < 1 || data[0] != 1)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
						 errmsg("unsupported jsonb version number %d", length < 1 ? -1 : data[0])));
			return InputFunctionCall(&reader->proc, data + 1, reader->ioparam, reader->typmod);
		case FORM_RECEIVED:
			break;
	}
	buffer.data = data;
	buffer.len = length;
	buffer.maxlen = length + 1;
	buffer.cursor = 0;
	value = ReceiveFunctionCall(&reader->proc, &buffer, reader->ioparam, reader->typmod);
	if (buffer.cursor != buffer.len)
		incorrect_format();
	return value;
}

static int32
read_int32(StringInfo buffer)
{
	return (int32) pq_getmsgint(buffer, 4);
}

/*
 * An array's binary form: dimensions, a flags word, the element type, each dimension's
 * length and lower bound, then each element as a length (-1: NULL) and its bytes.
 * Checked as array_recv checks it.
 */
static Datum
read_array(BinaryReader *reader, char *data, int length)
{
	StringInfoData buffer = {data, length, length + 1, 0};
	int			ndim = read_int32(&buffer);
	int32		flags = read_int32(&buffer);
	Oid			element = (Oid) read_int32(&buffer);
	int			dims[MAXDIM];
	int			lbounds[MAXDIM];
	int			count;
	Datum	   *values;
	bool	   *nulls;

	if (ndim < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid number of dimensions: %d", ndim)));
	if (ndim > MAXDIM)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("number of array dimensions (%d) exceeds the maximum allowed (%d)", ndim, MAXDIM)));
	if (flags != 0 && flags != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid array flags")));
	if (element != reader->element)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("binary data has array element type %u (%s) instead of expected %u (%s)",
						element, format_type_extended(element, -1, FORMAT_TYPE_ALLOW_INVALID),
						reader->element, format_type_be(reader->element))));
	for (int i = 0; i < ndim; i++)
	{
		int			upper;

		dims[i] = read_int32(&buffer);
		lbounds[i] = read_int32(&buffer);
		if (dims[i] != 0 && pg_add_s32_overflow(lbounds[i], dims[i] - 1, &upper))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("integer out of range")));
	}
	count = ArrayGetNItems(ndim, dims);
	ArrayCheckBounds(ndim, dims, lbounds);
	if (count == 0)
	{
		if (buffer.cursor != buffer.len)
			incorrect_format();
		return PointerGetDatum(construct_empty_array(element));
	}
	values = palloc(sizeof(Datum) * count);
	nulls = palloc(sizeof(bool) * count);
	for (int i = 0; i < count; i++)
	{
		int32		size = read_int32(&buffer);
		char	   *start;
		char		next;

		nulls[i] = size == -1;
		values[i] = (Datum) 0;
		if (nulls[i])
			continue;
		if (size < 0 || size > buffer.len - buffer.cursor)
			incorrect_format();
		/* the element ends with a NUL for its reader, as the value does (data[length]) */
		start = buffer.data + buffer.cursor;
		next = start[size];
		start[size] = '\0';
		values[i] = read_scalar(&reader->value, start, size);
		start[size] = next;
		buffer.cursor += size;
	}
	if (buffer.cursor != buffer.len)
		incorrect_format();
	return PointerGetDatum(construct_md_array(values, nulls, ndim, dims, lbounds, element,
											  reader->elmlen, reader->elmbyval, reader->elmalign));
}

/*
 * The Datum of a non-NULL binary value of length bytes at data, which the caller ends
 * with a NUL at data[length].
 */
Datum
jdblink_binary_read(BinaryReader *reader, char *data, int length)
{
	return reader->array ? read_array(reader, data, length) : read_scalar(&reader->value, data, length);
}
