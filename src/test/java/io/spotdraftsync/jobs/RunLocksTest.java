package io.spotdraftsync.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.UUID;


import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunLocksTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void oneHolderPerJobAndWorkspaceUntilReleased(String database) throws Exception {
        try (HikariDataSource dataSource = dataSource(database)) {
            new JobRepositorySchema(dataSource).afterPropertiesSet();
            RunLocks locks = new RunLocks(dataSource);
            String workspace = "ws-" + UUID.randomUUID();

            Optional<RunLocks.Held> first = locks.tryAcquire(workspace, "export");
            assertThat(first).isPresent();
            assertThat(locks.tryAcquire(workspace, "export")).isEmpty();
            assertThatThrownBy(() -> locks.acquire(workspace, "export"))
                    .isInstanceOf(RunInProgressException.class).hasMessageContaining("export run of workspace " + workspace);
            try (RunLocks.Held otherJob = locks.acquire(workspace, "reconcile");
                    RunLocks.Held otherWorkspace = locks.acquire(workspace + "-b", "export")) {
                assertThat(otherJob).isNotNull();
                assertThat(otherWorkspace).isNotNull();
            }
            first.get().close();
            try (RunLocks.Held again = locks.acquire(workspace, "export")) {
                assertThat(again).isNotNull();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"export", "export.webhook"})
    void targetedRunsShareTheLockOfTheirJob(String jobName) {
        assertThat(RunLauncher.lockName(jobName)).isEqualTo("export");
    }

    private static HikariDataSource dataSource(String database) {
        HikariDataSource dataSource = new HikariDataSource();
        if (database.equals("h2")) {
            dataSource.setJdbcUrl("jdbc:h2:mem:locks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        } else {
            dataSource.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
            dataSource.setUsername("postgres");
        }
        dataSource.setMaximumPoolSize(6);
        return dataSource;
    }
}
