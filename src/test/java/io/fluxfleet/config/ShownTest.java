package io.fluxfleet.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What {@link Shown} makes of a value: credentials masked wherever they stand, e-mail addresses kept. */
class ShownTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "https://bob:SECRET@gitlab.example.com/api/v4 | 'https://[credentials]@gitlab.example.com/api/v4'",
        "https://token@gitlab.example.com              | 'https://[credentials]@gitlab.example.com'",
        "bob:SECRET@harbor.example.com                 | '[credentials]@harbor.example.com'",
        "bob:SECRET@harbor.example.com/team/img:1.0    | '[credentials]@harbor.example.com/team/img:1.0'",
        "alice@example.com                             | 'alice@example.com'",
        "harbor.example.com:8443                       | 'harbor.example.com:8443'",
        "https://gitlab.example.com/a@b                | 'https://gitlab.example.com/a@b'"})
    void credentialsNeverReachAMessage(String value, String shown) {
        assertEquals(shown, Shown.quoted(value));
    }

    @org.junit.jupiter.api.Test
    void aHostWithUserInformationIsRefusedWithoutShowingIt() {
        String message = Validators.host("bob:SECRETMARK@harbor.example.com").orElseThrow();
        org.junit.jupiter.api.Assertions.assertFalse(message.contains("SECRETMARK"), message);
        org.junit.jupiter.api.Assertions.assertTrue(message.contains("user information"), message);
    }
}
