package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.cnnworkbench.engine.store.NewRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeDatabaseTest {
    @TempDir
    Path home;

    @Test
    void theHomesPasswordIsGeneratedOnceAndKeptInAFileOnlyItsOwnerCanRead() throws Exception {
        HomeDatabase db = new HomeDatabase(home);
        String password = db.password();
        assertThat(password).hasSizeGreaterThanOrEqualTo(24);
        assertThat(db.password()).isEqualTo(password);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("db/credentials"))))
                .isEqualTo("rw-------");
        try (H2Database open = db.open()) {
            new H2RunStore(open).startRun(new NewRun("x", "{}", null, 1, null, null));
        }
        assertThatThrownBy(() -> DriverManager.getConnection(db.embeddedUrl(), "sa", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
    }

    @Test
    void aDatabaseCreatedBeforeCredentialsGetsTheGeneratedPassword() throws Exception {
        try (H2Database legacy = H2Database.open(H2Database.embeddedUrl(home), "sa", "")) {
            new H2RunStore(legacy).startRun(new NewRun("old", "{}", null, 1, null, null));
        }
        HomeDatabase db = new HomeDatabase(home);
        try (H2Database open = db.open()) {
            assertThat(new H2RunStore(open).listRuns(10)).extracting(r -> r.experiment()).containsExactly("old");
        }
        try (Connection c = DriverManager.getConnection(db.embeddedUrl(), "sa", db.password())) {
            assertThat(c.isValid(1)).isTrue();
        }
    }

    @Test
    void whileAProcessServesTheDatabaseOthersOpenItThroughTheServerWithTheCredentialsOnly() throws Exception {
        HomeDatabase db = new HomeDatabase(home);
        try (H2Database owner = db.open(); DatabaseServer server = DatabaseServer.serve(db, 0, false)) {
            assertThat(server.url()).startsWith("jdbc:h2:tcp://127.0.0.1:");
            assertThat(db.servedUrl()).contains(server.url());
            String run = new H2RunStore(owner).startRun(new NewRun("served", "{}", null, 1, null, null));
            try (H2Database client = new HomeDatabase(home).open()) {
                assertThat(client.url()).isEqualTo(server.url());
                assertThat(new H2RunStore(client).findRun(run)).isPresent();
            }
            assertThatThrownBy(() -> DriverManager.getConnection(server.url(), "sa", "wrong").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
            // Only the home's database is served: no other file can be opened or created through it.
            assertThatThrownBy(() -> DriverManager.getConnection(server.url().replace("/workbench", "/other"), "sa",
                    db.password()).close()).isInstanceOf(SQLException.class);
        }
        assertThat(db.servedUrl()).isEmpty();
        assertThat(home.resolve("db/server.properties")).doesNotExist();
    }
}
