package io.spotdraftsync.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import io.spotdraftsync.testsupport.PostgresScratchSchema;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Quartz nodes clustered on one schema of the PostgreSQL at 127.0.0.1:5432, set up as {@code serve} sets up its
 * scheduler ({@link QuartzDefaults}): node-a in this JVM, node-b a separate process. Each fire of a trigger runs once
 * in the cluster, and a run cut short by the death of its node (SIGKILL) is run again by the other node, marked as a
 * recovery. (What such a recovered {@link ScheduledRun} then does, resume the Spring Batch run that the dead process
 * left STARTED, is RunLauncher's recovery, covered with real kills by reliability.ExportCrashTest.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScheduleClusterPostgresTest {

    private static final String GROUP = "cluster-test";

    private PostgresScratchSchema schema;
    private Path nodeBLog;
    private ConfigurableApplicationContext nodeA;
    private Process nodeB;

    @BeforeAll
    void startTwoNodes() throws Exception {
        schema = PostgresScratchSchema.create("qcluster");
        schema.execute("CREATE TABLE " + QuartzClusterNode.RUNS_TABLE + " (job VARCHAR(200) NOT NULL, "
                + "instance_id VARCHAR(200) NOT NULL, fire_time TIMESTAMP NOT NULL, recovering BOOLEAN NOT NULL)");
        nodeA = QuartzClusterNode.start(schema.url(), "node-a"); // creates Quartz's tables
        nodeBLog = Files.createTempFile("quartz-node-b", ".log");
        nodeB = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m",
                "-cp", System.getProperty("java.class.path"), QuartzClusterNode.class.getName(), schema.url(), "node-b")
                .redirectErrorStream(true).redirectOutput(nodeBLog.toFile()).start();
        await("both nodes checked in to the cluster").atMost(Duration.ofSeconds(90))
                .failFast(() -> assertThat(nodeB.isAlive()).as(() -> "node-b running; its output: " + nodeBOutput()).isTrue())
                .until(() -> schema.strings("SELECT instance_name FROM qrtz_scheduler_state ORDER BY 1"),
                        names -> names.equals(List.of("node-a", "node-b")));
    }

    @AfterAll
    void stopNodes() throws Exception {
        try {
            if (nodeB != null) {
                nodeB.destroyForcibly().waitFor();
            }
            if (nodeA != null) {
                nodeA.close();
            }
        } finally {
            if (schema != null) {
                schema.close();
            }
            if (nodeBLog != null) {
                Files.deleteIfExists(nodeBLog);
            }
        }
    }

    @Test
    @Order(1)
    void eachFireOfATriggerRunsOnceInTheCluster() throws Exception {
        Scheduler scheduler = nodeA.getBean(Scheduler.class);
        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(scheduler.getSchedulerName()).isEqualTo(QuartzDefaults.schedulerName(QuartzClusterNode.WORKSPACE));

        // twelve triggers due at the same moment, and one that fires five times: both nodes race for every fire
        Date soon = new Date(System.currentTimeMillis() + 1_500);
        for (int i = 0; i < 12; i++) {
            scheduler.scheduleJob(probe("once-" + i, false), TriggerBuilder.newTrigger().withIdentity("once-" + i, GROUP)
                    .startAt(soon).build());
        }
        scheduler.scheduleJob(probe("five-times", false), TriggerBuilder.newTrigger().withIdentity("five-times", GROUP)
                .startAt(soon).withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(400)
                        .withRepeatCount(4)).build());

        // a trigger that has fired for the last time is deleted once its run ended: then no run can follow
        await("every trigger fired for the last time").atMost(Duration.ofSeconds(60))
                .until(() -> schema.strings("SELECT trigger_name FROM qrtz_triggers").isEmpty()
                        && schema.strings("SELECT entry_id FROM qrtz_fired_triggers").isEmpty());

        List<String> runs = schema.strings("SELECT job || ' ' || fire_time FROM " + QuartzClusterNode.RUNS_TABLE);
        System.out.println("runs by node: " + schema.strings("SELECT instance_id || ' ' || count(*) FROM "
                + QuartzClusterNode.RUNS_TABLE + " GROUP BY instance_id ORDER BY 1"));
        assertThat(runs).as("one run per fire").hasSize(12 + 5).doesNotHaveDuplicates();
        assertThat(schema.strings("SELECT job FROM " + QuartzClusterNode.RUNS_TABLE + " WHERE job LIKE 'once-%'"))
                .hasSize(12).doesNotHaveDuplicates();
        assertThat(schema.strings("SELECT job FROM " + QuartzClusterNode.RUNS_TABLE + " WHERE job = 'five-times'")).hasSize(5);
        assertThat(schema.strings("SELECT job FROM " + QuartzClusterNode.RUNS_TABLE + " WHERE recovering")).isEmpty();
    }

    @Test
    @Order(2)
    void aRunCutShortByItsNodesDeathIsRunAgainByTheOtherNode() throws Exception {
        Scheduler scheduler = nodeA.getBean(Scheduler.class);
        scheduler.standby(); // so that node-b takes the run; node-a still checks in and watches node-b
        scheduler.scheduleJob(probe("cut-short", true), TriggerBuilder.newTrigger().withIdentity("cut-short", GROUP)
                .startNow().build());
        await("node-b running the job").atMost(Duration.ofSeconds(60))
                .until(() -> schema.strings(runsOf("cut-short")), List.of("node-b false")::equals);

        nodeB.destroyForcibly().waitFor(); // SIGKILL: node-b's fired trigger stays in the store, as a dead pod's would
        scheduler.start();

        await("node-a recovering node-b's run").atMost(Duration.ofSeconds(60))
                .until(() -> schema.strings(runsOf("cut-short")).contains("node-a true"));
        await("the recovered run ended").atMost(Duration.ofSeconds(60))
                .until(() -> schema.strings("SELECT entry_id FROM qrtz_fired_triggers").isEmpty()
                        && !scheduler.checkExists(org.quartz.JobKey.jobKey("cut-short", GROUP)));
        assertThat(schema.strings(runsOf("cut-short"))).as("the run on node-b, then once on node-a as a recovery")
                .containsExactly("node-b false", "node-a true");
        assertThat(schema.strings("SELECT instance_name FROM qrtz_scheduler_state")).as("node-b dropped from the cluster")
                .containsExactly("node-a");
    }

    private static JobDetail probe(String name, boolean block) {
        // as ScheduleSynchronizer builds a schedule's job: a run whose node dies is run again
        return JobBuilder.newJob(QuartzClusterNode.Probe.class).withIdentity(name, GROUP).requestRecovery(true)
                .usingJobData(QuartzClusterNode.Probe.BLOCK, block).build();
    }

    private static String runsOf(String job) {
        return "SELECT instance_id || ' ' || recovering FROM " + QuartzClusterNode.RUNS_TABLE + " WHERE job = '" + job
                + "' ORDER BY recovering, instance_id";
    }

    private String nodeBOutput() {
        try {
            return Files.readString(nodeBLog, StandardCharsets.UTF_8);
        } catch (java.io.IOException unreadable) {
            return unreadable.toString();
        }
    }
}
