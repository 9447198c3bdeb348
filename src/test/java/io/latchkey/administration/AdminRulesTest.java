package io.latchkey.administration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.web.Problem;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The admin API's rules that need no server: strong sign-ins, the list's query, its cursor, the prefix bound. */
class AdminRulesTest {

    @Test
    void aPasskeyOrTwoDifferentFactorsAreStrongAndOneIsNot() {
        assertTrue(AdminAccess.isStrong(List.of("hwk")));
        assertTrue(AdminAccess.isStrong(List.of("hwk", "user")));
        assertTrue(AdminAccess.isStrong(List.of("pwd", "otp")));
        assertTrue(AdminAccess.isStrong(List.of("otp", "mfa")));
        assertFalse(AdminAccess.isStrong(List.of("pwd")));
        assertFalse(AdminAccess.isStrong(List.of("otp")), "an emailed code proves the mailbox, no more");
        assertFalse(AdminAccess.isStrong(List.of("pwd", "pwd")));
        assertFalse(AdminAccess.isStrong(List.of()));
    }

    static UserQuery query(Map<String, String> parameters) {
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        parameters.forEach(map::add);
        return UserQuery.of(map);
    }

    @Test
    void theQueryHasDefaultsAndTypedFilters() {
        UserQuery none = query(Map.of());
        assertEquals(UserQuery.DEFAULT_LIMIT, none.limit());
        assertEquals(UserQuery.Sort.CREATED, none.sort());
        assertTrue(none.q().isEmpty());

        UserQuery some = query(Map.of("q", "  Ada Love-lace ", "verified", "false", "created_after", "2026-12-07",
                "last_sign_in_before", "2026-12-07T09:30:00Z", "sort", "last_sign_in", "limit", "200"));
        assertEquals(Optional.of("Ada Love-lace"), some.q());
        assertEquals(List.of("ada", "love", "lace"), some.nameWords());
        assertEquals(Optional.of(false), some.verified());
        assertEquals(Optional.of(Instant.parse("2026-12-07T00:00:00Z")), some.createdAfter());
        assertEquals(Optional.of(Instant.parse("2026-12-07T09:30:00Z")), some.lastSignInBefore());
        assertEquals(UserQuery.Sort.LAST_SIGN_IN, some.sort());
        assertEquals(200, some.limit());
        assertEquals(List.of(), query(Map.of("q", "@#!")).nameWords(), "no word, no name search");
    }

    @Test
    void everyBadParameterIsNamedInOne422() {
        Problem problem = assertThrows(Problem.class, () -> query(Map.of("verified", "yes", "limit", "0",
                "sort", "name", "created_before", "soon", "colour", "red")));
        assertEquals(io.latchkey.web.ProblemType.VALIDATION, problem.type());
        assertEquals(java.util.Set.of("verified", "limit", "sort", "created_before", "colour"),
                problem.errors().stream().map(io.latchkey.web.FieldError::param).collect(java.util.stream.Collectors.toSet()));
        assertTrue(problem.errors().stream().allMatch(e -> e.location().equals("query")));
        assertThrows(Problem.class, () -> query(Map.of("limit", "201")));
        assertThrows(Problem.class, () -> query(Map.of("q", "x".repeat(255))));
        assertThrows(Problem.class, () -> query(Map.of("q", "line\nbreak")));
    }

    @Test
    void aCursorComesBackForItsOwnSortOnly() {
        UUID id = UUID.randomUUID();
        Cursor created = new Cursor(UserQuery.Sort.CREATED, Optional.of(Instant.parse("2026-12-07T10:00:00.123456Z")),
                id);
        assertEquals(created, Cursor.decode(created.encode(), UserQuery.Sort.CREATED));
        Cursor never = new Cursor(UserQuery.Sort.LAST_SIGN_IN, Optional.empty(), id);
        assertEquals(never, Cursor.decode(never.encode(), UserQuery.Sort.LAST_SIGN_IN));
        assertThrows(Problem.class, () -> Cursor.decode(created.encode(), UserQuery.Sort.LAST_SIGN_IN));
        assertThrows(Problem.class, () -> Cursor.decode("bm9wZQ", UserQuery.Sort.CREATED));
        assertThrows(Problem.class, () -> Cursor.decode("%%%", UserQuery.Sort.CREATED));
    }

    @Test
    void anAuditCursorIsAPositiveEventNumber() {
        for (String bad : List.of("-1", "0", "1x", "")) {
            MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
            map.add("cursor", bad);
            Problem problem = assertThrows(Problem.class, () -> AuditQuery.of(map), bad);
            assertEquals("cursor", problem.errors().get(0).param());
        }
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        map.add("cursor", "42");
        assertEquals(Optional.of(42L), AuditQuery.of(map).filter().beforeId());
    }

    @Test
    void thePrefixBoundIsTheLeastTextAfterEveryTextWithThePrefix() {
        assertEquals("ada.lovelacf", UserDirectory.successor("ada.lovelace"));
        assertEquals("h", UserDirectory.successor("g"));
        assertEquals("caf\u00ea", UserDirectory.successor("caf\u00e9"));
        assertEquals("a\ue000", UserDirectory.successor("a\ud7ff"), "no lone surrogate");
    }
}
