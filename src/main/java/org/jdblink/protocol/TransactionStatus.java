package org.jdblink.protocol;

/** libpq's PQtransactionStatus values, from ReadyForQuery (ACTIVE while a query runs). */
public enum TransactionStatus { IDLE, ACTIVE, INTRANS, INERROR, UNKNOWN }
