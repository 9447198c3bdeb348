package io.latchkey.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FieldsReaderTest {

    FieldsReader cut = new FieldsReader();

    @Test
    void readsTextFieldsFromJsonAndForms() throws Exception {
        Fields json = read(MediaType.APPLICATION_JSON_TYPE, "{\"email\":\"a@b.c\",\"name\":null,\"x\":{\"deep\":[1]}}");
        assertEquals(Optional.of("a@b.c"), json.text("email"));
        assertEquals(Optional.empty(), json.text("name"));
        assertEquals(Optional.empty(), json.text("absent"));

        Fields form = read(MediaType.APPLICATION_FORM_URLENCODED_TYPE, "name=J%C3%B6rg+K&email=a%40b.c&empty=");
        assertEquals(Optional.of("J\u00f6rg K"), form.text("name"));
        assertEquals(Optional.of(""), form.text("empty"));
    }

    @Test
    void aFieldOfAnotherTypeIsAValidationProblemWhenAskedFor() throws Exception {
        Fields fields = read(MediaType.APPLICATION_JSON_TYPE, "{\"email\":42,\"name\":[\"a\"]}");
        Problem problem = assertThrows(Problem.class, () -> fields.text("email"));
        assertEquals(ProblemType.VALIDATION, problem.type());
        assertEquals("email", problem.errors().get(0).param());
    }

    @Test
    void anObjectFieldIsKeptAsTheTextItWasSentAs() throws Exception {
        Fields fields = read(MediaType.APPLICATION_JSON_TYPE,
                "{\"t\":\"x\", \"credential\" : { \"id\":\"a}\", \"r\":{\"n\":[1,{}]}} ,\"z\":null}");
        assertEquals(Optional.of("{ \"id\":\"a}\", \"r\":{\"n\":[1,{}]}}"), fields.objectText("credential"));
        assertEquals(Optional.empty(), fields.objectText("z"));
        assertEquals(Optional.empty(), fields.objectText("absent"));
        assertEquals(ProblemType.VALIDATION, assertThrows(Problem.class, () -> fields.objectText("t")).type());
        assertEquals(ProblemType.VALIDATION, assertThrows(Problem.class, () -> fields.text("credential")).type());
        Fields deep = read(MediaType.APPLICATION_JSON_TYPE, "{\"a\":" + "{\"b\":".repeat(2500) + "1" + "}".repeat(2501));
        assertEquals(2500 * 5 + 1 + 2500, deep.objectText("a").orElseThrow().length());
    }

    @Test
    void emptyBodiesHaveNoFields() throws Exception {
        assertEquals(Optional.empty(), read(MediaType.APPLICATION_JSON_TYPE, "").text("email"));
    }

    @Test
    void refusesWhatIsNotOneJsonObject() {
        for (String body : new String[] {"[]", "1", "{", "{\"a\":\"b\"} {}", "{\"a\" \"b\"}", "nul"}) {
            assertEquals(ProblemType.BAD_REQUEST, problemOf(MediaType.APPLICATION_JSON_TYPE, body.getBytes(StandardCharsets.UTF_8)), body);
        }
    }

    @Test
    void refusesDuplicateKeysNulAndInvalidUtf8() {
        assertEquals(ProblemType.BAD_REQUEST, problemOf(MediaType.APPLICATION_JSON_TYPE, bytes("{\"a\":\"1\",\"a\":\"2\"}")));
        assertEquals(ProblemType.BAD_REQUEST, problemOf(MediaType.APPLICATION_JSON_TYPE, bytes("{\"a\":\"x\\u0000\"}")));
        assertEquals(ProblemType.BAD_REQUEST, problemOf(MediaType.APPLICATION_JSON_TYPE, new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'}));
        assertEquals(ProblemType.BAD_REQUEST, problemOf(MediaType.APPLICATION_FORM_URLENCODED_TYPE, bytes("a=%ff")));
        assertEquals(ProblemType.BAD_REQUEST, problemOf(MediaType.APPLICATION_FORM_URLENCODED_TYPE, bytes("a=%zz")));
        assertEquals(ProblemType.BAD_REQUEST, problemOf(MediaType.APPLICATION_FORM_URLENCODED_TYPE, bytes("a=%00")));
        assertEquals(ProblemType.BAD_REQUEST, problemOf(MediaType.APPLICATION_FORM_URLENCODED_TYPE, bytes("a=1&a=2")));
    }

    @Test
    void refusesBodiesOver16KiB() {
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE,
                problemOf(MediaType.APPLICATION_JSON_TYPE, bytes("{\"a\":\"" + "x".repeat(16 * 1024) + "\"}")));
    }

    @Test
    void deepNestingIsSkippedWithoutRecursionAndIsNotText() throws Exception {
        Fields fields = read(MediaType.APPLICATION_JSON_TYPE, "{\"a\":" + "[".repeat(8000) + "]".repeat(8000) + "}");
        assertEquals(ProblemType.VALIDATION, assertThrows(Problem.class, () -> fields.text("a")).type());
    }

    private Fields read(MediaType type, String body) throws Exception {
        return cut.readFrom(Fields.class, Fields.class, null, type, null, new ByteArrayInputStream(bytes(body)));
    }

    private ProblemType problemOf(MediaType type, byte[] body) {
        return assertThrows(Problem.class, () -> cut.readFrom(Fields.class, Fields.class, null, type, null,
                new ByteArrayInputStream(body))).type();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    record Change(String currentPassword, String password, String confirmPassword) {
    }

    @Test
    void bindsATypedRequestByWireNamesAbsentFieldsEmpty() throws Exception {
        Fields form = read(MediaType.APPLICATION_FORM_URLENCODED_TYPE, "current_password=old&confirm_password=new");
        assertEquals(new Change("old", "", "new"), form.as(Change.class));
    }

    @Test
    void aTypedRequestKeepsTheStrictTypes() throws Exception {
        Fields json = read(MediaType.APPLICATION_JSON_TYPE, "{\"password\":[\"x\"]}");
        assertEquals("password", org.junit.jupiter.api.Assertions.assertThrows(Problem.class,
                () -> json.as(Change.class)).errors().get(0).param());
    }
}
