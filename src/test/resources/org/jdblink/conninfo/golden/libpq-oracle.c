/*
 * Prints what the installed libpq makes of a connection string, in the format of
 * the golden files read by the conninfo tests:
 *   libpq-oracle parse STR    values PQconninfoParse found (no defaults)
 *   libpq-oracle resolve STR  values after PQconnectStart's option processing
 * Output is one line: "k=[v] k=[v] ..." in option order, or "ERR[message]".
 *   libpq-oracle defaults     PQconndefaults(), one "keyword|envvar|compiled|dispchar"
 *                             line per option (null for a missing envvar or default)
 */
#include <stdio.h>
#include <string.h>
#include <libpq-fe.h>

static void print_options(PQconninfoOption *o)
{
    const char *sep = "";

    for (; o->keyword; o++)
        if (o->val)
        {
            printf("%s%s=[%s]", sep, o->keyword, o->val);
            sep = " ";
        }
    printf("\n");
}

static void print_error(const char *msg)
{
    size_t len = strcspn(msg, "\n");

    printf("ERR[%.*s]\n", (int) len, msg);
}

static void print_defaults(void)
{
    PQconninfoOption *o;

    for (o = PQconndefaults(); o->keyword; o++)
        printf("%s|%s|%s|%s\n", o->keyword, o->envvar ? o->envvar : "null",
               o->compiled ? o->compiled : "null", o->dispchar);
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "defaults") == 0)
    {
        print_defaults();
        return 0;
    }
    if (argc != 3)
        return 2;
    if (strcmp(argv[1], "parse") == 0)
    {
        char *err = NULL;
        PQconninfoOption *o = PQconninfoParse(argv[2], &err);

        if (o)
            print_options(o);
        else
            print_error(err ? err : "");
    }
    else
    {
        PGconn *conn = PQconnectStart(argv[2]);
        const char *msg = PQerrorMessage(conn);

        /*
         * A failed attempt on a host means option processing itself succeeded:
         * those messages belong to the connection, not to the options.
         */
        if (PQstatus(conn) == CONNECTION_BAD
            && strncmp(msg, "connection to server", 20) != 0
            && strncmp(msg, "could not translate host name", 29) != 0
            && strncmp(msg, "could not parse network address", 31) != 0)
            print_error(msg);
        else
            print_options(PQconninfo(conn));
        PQfinish(conn);
    }
    return 0;
}
