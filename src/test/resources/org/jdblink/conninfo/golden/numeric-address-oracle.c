/*
 * Prints how the C library reads a string as a numeric network address: getaddrinfo
 * with AI_NUMERICHOST and AF_UNSPEC, as libpq 15 reads "hostaddr". libpq reads "host"
 * with the same call minus AI_NUMERICHOST; glibc then takes exactly the same strings as
 * numeric and looks every other one up as a name, so these answers hold for both.
 *   numeric-address-oracle STR
 * Output is one line per address: "inet HEX" (4 bytes), "inet6 HEX scope N" (16 bytes
 * and the scope id), or "ERR[gai_strerror text]".
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <netdb.h>
#include <netinet/in.h>

static void print_hex(const unsigned char *bytes, size_t len)
{
    for (size_t i = 0; i < len; i++)
        printf("%02x", bytes[i]);
}

int main(int argc, char **argv)
{
    struct addrinfo hints;
    struct addrinfo *list;
    int rc;

    if (argc != 2)
        return 2;
    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = AI_NUMERICHOST;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    rc = getaddrinfo(argv[1], "5432", &hints, &list);
    if (rc != 0)
    {
        printf("ERR[%s]\n", gai_strerror(rc));
        return 0;
    }
    for (struct addrinfo *a = list; a; a = a->ai_next)
    {
        if (a->ai_family == AF_INET)
        {
            printf("inet ");
            print_hex((const unsigned char *) &((struct sockaddr_in *) a->ai_addr)->sin_addr, 4);
            printf("\n");
        }
        else
        {
            struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) a->ai_addr;

            printf("inet6 ");
            print_hex((const unsigned char *) &in6->sin6_addr, 16);
            printf(" scope %u\n", (unsigned) in6->sin6_scope_id);
        }
    }
    freeaddrinfo(list);
    return 0;
}
