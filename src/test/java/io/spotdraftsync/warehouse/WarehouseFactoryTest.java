package io.spotdraftsync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;

import net.snowflake.client.jdbc.SnowflakeBasicDataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How each warehouse gets its connections; Snowflake is built but never reached from here. */
class WarehouseFactoryTest {

    @Test
    void snowflakeKeyPairAuthenticationIsSetOnTheDriversDataSourceInsideHikari(@TempDir Path directory) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Path key = Files.writeString(directory.resolve("rsa_key.p8"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        WarehouseProperties properties = new WarehouseProperties("jdbc:snowflake://acme.snowflakecomputing.com", "LOADER", null,
                key, null, "SPOTDRAFT", "ANALYTICS", "LOAD_WH", "SYNC_ROLE", "~", 2, 500, Duration.ofSeconds(5), Duration.ofSeconds(1));

        try (HikariDataSource pool = WarehouseFactory.snowflakeDataSource(properties)) {
            assertThat(pool.isRunning()).as("lazy: nothing connects before the first call").isFalse();
            assertThat(pool.getMaximumPoolSize()).isEqualTo(2);
            assertThat(pool.getDataSource()).isInstanceOf(SnowflakeBasicDataSource.class);
            assertThat(pool.getConnectionInitSql()).isEqualTo("ALTER SESSION SET JDBC_QUERY_RESULT_FORMAT = 'JSON'");
            Properties driver = driverProperties((SnowflakeBasicDataSource) pool.getDataSource());
            assertThat(driver.getProperty("authenticator")).isEqualTo("SNOWFLAKE_JWT");
            assertThat(driver.getProperty("private_key_file")).isEqualTo(key.toAbsolutePath().toString());
            assertThat(driver).containsEntry("database", "ANALYTICS").containsEntry("schema", "SPOTDRAFT")
                    .containsEntry("warehouse", "LOAD_WH").containsEntry("role", "SYNC_ROLE");
            assertThat(field(pool.getDataSource(), "user")).isEqualTo("LOADER");
            assertThat(field(pool.getDataSource(), "password")).isNull();
        }
    }

    @Test
    void snowflakeWithAPasswordAndItsStagedLoads() {
        WarehouseProperties properties = WarehouseProperties.of("jdbc:snowflake://acme.snowflakecomputing.com")
                .withCredentials("LOADER", "secret");
        try (Warehouse warehouse = WarehouseFactory.create(properties, new io.micrometer.core.instrument.simple.SimpleMeterRegistry())) {
            assertThat(warehouse.dialect()).isEqualTo("snowflake");
            assertThat(warehouse.toString()).contains("Snowflake jdbc:snowflake://acme.snowflakecomputing.com").doesNotContain("secret");
        }
    }

    @Test
    void postgresPoolsItsConnectionsInTheConfiguredSchema() {
        try (HikariDataSource pool = WarehouseFactory.postgresDataSource(TestDatabases.postgresProperties("analytics"))) {
            assertThat(pool.isRunning()).isFalse();
            assertThat(pool.getJdbcUrl()).isEqualTo(TestDatabases.POSTGRES_URL);
            assertThat(pool.getSchema()).isEqualTo("analytics");
            assertThat(pool.getUsername()).isEqualTo("postgres");
        }
    }

    private static Object field(Object target, String name) throws Exception {
        java.lang.reflect.Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }

    /** The driver's own properties, as it will send them at connect time. */
    private static Properties driverProperties(SnowflakeBasicDataSource dataSource) throws Exception {
        Method method = SnowflakeBasicDataSource.class.getDeclaredMethod("getProperties");
        method.setAccessible(true);
        return (Properties) method.invoke(dataSource);
    }
}
