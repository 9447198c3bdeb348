package io.latchkey.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenApiDocumentTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "none                                          | application/yaml",
            "application/yaml                              | application/yaml",
            "application/x-yaml                            | application/x-yaml",
            "text/plain                                    | text/plain",
            "application/json                              | application/json",
            "*/*                                           | application/yaml",
            "text/*                                        | text/plain",
            "application/json, application/yaml            | application/json",
            "application/yaml;q=0.5, application/json      | application/json",
            "application/json;q=0.1, */*;q=0.9             | application/yaml",
            "text/html, application/xhtml+xml, */*;q=0.8   | application/yaml",
            "APPLICATION/JSON                              | application/json",
            "application/json;q=0                          | none",
            "image/png                                     | none",
            "application/json;q=bad, text/plain;q=0.2     | text/plain"})
    void answersTheTypeTheClientPrefers(String accept, String expected) {
        assertEquals(Optional.ofNullable(expected), OpenApiDocument.chosen(accept));
    }
}
