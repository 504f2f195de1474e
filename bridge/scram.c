/*
 * scram.c: the native of org.jdblink.bridge.ServerHmac, the inner loop of SCRAM's
 * salted password (Hi() of RFC 5802) on the server's own HMAC-SHA-256, as libpq computes
 * it: OpenSSL's, on the CPU's SHA instructions where it has them, where Java's SHA-256,
 * compiled by the client compiler only, made each SCRAM login some milliseconds slower.
 * A call runs the rounds Java asks for (a few milliseconds' worth); Java polls for
 * interrupts between calls.
 */
#include "jdblink.h"

#include "common/cryptohash.h"
#include "common/hmac.h"
#include "common/sha2.h"

JNIEXPORT void JNICALL
Java_org_jdblink_bridge_ServerHmac_rounds0(JNIEnv *env, jclass klass, jbyteArray key, jbyteArray u,
										   jbyteArray result, jint count)
{
	JDBLINK_NATIVE_BEGIN(env);
	{
		jsize		key_length = (*env)->GetArrayLength(env, key);
		uint8	   *key_bytes = palloc(key_length + 1);
		uint8		round[PG_SHA256_DIGEST_LENGTH];
		uint8		sum[PG_SHA256_DIGEST_LENGTH];
		pg_hmac_ctx *hmac = pg_hmac_create(PG_SHA256);

		if (hmac == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory")));
		(*env)->GetByteArrayRegion(env, key, 0, key_length, (jbyte *) key_bytes);
		(*env)->GetByteArrayRegion(env, u, 0, PG_SHA256_DIGEST_LENGTH, (jbyte *) round);
		(*env)->GetByteArrayRegion(env, result, 0, PG_SHA256_DIGEST_LENGTH, (jbyte *) sum);
		for (int i = 0; i < count; i++)
		{
			if (pg_hmac_init(hmac, key_bytes, key_length) < 0 ||
				pg_hmac_update(hmac, round, PG_SHA256_DIGEST_LENGTH) < 0 ||
				pg_hmac_final(hmac, round, PG_SHA256_DIGEST_LENGTH) < 0)
				elog(ERROR, "could not compute HMAC-SHA-256: %s", pg_hmac_error(hmac));
			for (int j = 0; j < PG_SHA256_DIGEST_LENGTH; j++)
				sum[j] ^= round[j];
		}
		pg_hmac_free(hmac);
		pfree(key_bytes);
		(*env)->SetByteArrayRegion(env, u, 0, PG_SHA256_DIGEST_LENGTH, (jbyte *) round);
		(*env)->SetByteArrayRegion(env, result, 0, PG_SHA256_DIGEST_LENGTH, (jbyte *) sum);
	}
	JDBLINK_NATIVE_END();
}
