package org.muster.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void turnsAHostingPlatformUrlIntoJdbcWithCredentials() {
        DatabaseUrl url = DatabaseUrl.toJdbc("postgres://muster:s%40cret@db.example.org:6543/volunteers?sslmode=require").orElseThrow();

        assertThat(url.url()).isEqualTo("jdbc:postgresql://db.example.org:6543/volunteers?sslmode=require");
        assertThat(url.username()).contains("muster");
        assertThat(url.password()).contains("s@cret");
    }

    @Test
    void defaultsThePortAndLeavesJdbcUrlsAlone() {
        assertThat(DatabaseUrl.toJdbc("postgresql://localhost/test").orElseThrow().url())
                .isEqualTo("jdbc:postgresql://localhost:5432/test");
        assertThat(DatabaseUrl.toJdbc("jdbc:postgresql://localhost:5432/test")).isEmpty();
    }
}
