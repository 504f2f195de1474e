package org.jdblink.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.jdblink.protocol.PgError;
import org.junit.jupiter.api.Test;

class JniLocalBackendTest {
    @Test
    void remoteNoticesAreLoggedInLibpqsDefaultFormat() {
        PgError notice = new PgError(Map.of('S', "NOTICE", 'C', "00000", 'M', "table \"t\" does not exist, skipping",
                'H', "a hint", 'W', "context is not shown"));

        assertEquals("NOTICE:  table \"t\" does not exist, skipping\nHINT:  a hint\n", JniLocalBackend.noticeText(notice));
    }
}
