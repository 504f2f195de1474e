/*
 * binary_values.c: values that travelled in binary (docs/binary-transfer.md).
 *
 * dblink() and dblink_fetch offer Java the columns of their FROM clause whose declared
 * type is on a fixed list of built-in types; where the remote column has that very type
 * (and the remote's settings make its text form exact, which Java checks) it arrives in
 * the type's binary (send) form, and is read here into the same Datum the text path
 * would have built from the value's text: by the type's receive function, with the
 * column's type modifier, as the text path's input function gets it. An array's
 * receive function (array_recv) reads its elements with theirs.
 *
 * Text-like types (text, varchar, bpchar, name, json, and jsonb after its version byte)
 * send the very bytes of their text form, but their receive functions would convert them
 * from this session's client_encoding and check them against the database encoding; the
 * bytes are in the database encoding already (the remote converts them, as it converts
 * text), and the text path checks nothing. So they go through the input function, exactly
 * as in the text path. Their arrays are not offered: the remote checks the encoding of
 * each element separately in binary, of the whole array text in text, and an invalid
 * byte would be reported with other bytes around it.
 */
#include "jdblink.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/lsyscache.h"

typedef enum ValueForm
{
	FORM_RECEIVED,				/* the receive function reads the binary form */
	FORM_TEXT,					/* the binary form is the text form: input function */
	FORM_JSONB					/* a version byte (1), then the text form */
} ValueForm;

struct BinaryReader
{
	ValueForm	form;
	FmgrInfo	proc;			/* receive function, or input function */
	Oid			ioparam;
	int32		typmod;
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
static const Oid array_types[] =
{
	BOOLARRAYOID, INT2ARRAYOID, INT4ARRAYOID, INT8ARRAYOID, FLOAT4ARRAYOID, FLOAT8ARRAYOID,
	NUMERICARRAYOID, OIDARRAYOID, BYTEAARRAYOID, DATEARRAYOID, TIMEARRAYOID,
	TIMESTAMPARRAYOID, TIMESTAMPTZARRAYOID, INTERVALARRAYOID, UUIDARRAYOID
};

/* Whether values of a column declared with this type may travel in binary, and in what form. */
static bool
binary_form(Oid type, ValueForm *form)
{
	for (int i = 0; i < lengthof(scalar_types); i++)
		if (scalar_types[i].type == type)
		{
			*form = scalar_types[i].form;
			return true;
		}
	for (int i = 0; i < lengthof(array_types); i++)
		if (array_types[i] == type)
		{
			*form = FORM_RECEIVED;
			return true;
		}
	return false;
}

bool
jdblink_binary_offered(Oid type)
{
	ValueForm	form;

	return binary_form(type, &form);
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

/*
 * The reader of a binary column declared as type(typmod), which must be offered; NULL
 * for a text-like type whose binary value is its text, which the text path reads as it is.
 */
BinaryReader *
jdblink_binary_reader(Oid type, int32 typmod)
{
	BinaryReader *reader;
	ValueForm	form;
	Oid			function;

	if (!binary_form(type, &form))
		elog(ERROR, "jdblink: type %u has no binary reader", type);
	if (form == FORM_TEXT)
		return NULL;
	reader = palloc0(sizeof(BinaryReader));
	reader->form = form;
	if (form == FORM_RECEIVED)
		getTypeBinaryInputInfo(type, &function, &reader->ioparam);
	else
		getTypeInputInfo(type, &function, &reader->ioparam);
	fmgr_info(function, &reader->proc);
	reader->typmod = typmod;
	return reader;
}

/*
 * The Datum of a non-NULL binary value of length bytes at data, which the caller ends
 * with a NUL at data[length] (StringInfo's convention; the input function's string).
 */
Datum
jdblink_binary_read(BinaryReader *reader, char *data, int length)
{
	StringInfoData buffer;
	Datum		value;

	if (reader->form == FORM_JSONB)
	{
		if (length < 1 || data[0] != 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("unsupported jsonb version number %d", length < 1 ? -1 : data[0])));
		return InputFunctionCall(&reader->proc, data + 1, reader->ioparam, reader->typmod);
	}
	buffer.data = data;
	buffer.len = length;
	buffer.maxlen = length + 1;
	buffer.cursor = 0;
	value = ReceiveFunctionCall(&reader->proc, &buffer, reader->ioparam, reader->typmod);
	if (buffer.cursor != buffer.len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("incorrect binary data format in a remote value")));
	return value;
}
