package io.spotdraftsync.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.ExportHarness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The lines a run logs carry its workspace, job and run id as fields (MDC), and the thread is clean afterwards. */
class RunLogContextTest {

    @Test
    void everyLineOfARunCarriesItsWorkspaceJobAndRunId(@TempDir Path work) throws Exception {
        List<ILoggingEvent> events = new ArrayList<>();
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                synchronized (events) {
                    events.add(event);
                }
            }
        };
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(5).seed(3).requestsPerSecond(0).build())) {
            io.spotdraftsync.export.ExportRunner.Outcome outcome;
            // after the context started: Spring Boot sets logging up again at each start
            try (var context = ExportHarness.against(sandbox, work).start()) {
                capture.setContext(root.getLoggerContext());
                capture.start();
                root.addAppender(capture);
                outcome = context.getBean(io.spotdraftsync.export.ExportRunner.class).run(null, true, "test");
            }
            assertThat(outcome.completed()).isTrue();

            List<Map<String, String>> ofTheRun;
            synchronized (events) {
                ofTheRun = events.stream().filter(event -> event.getLoggerName().startsWith("io.spotdraftsync.export")
                        && event.getThreadName().equals(Thread.currentThread().getName()))
                        .map(ILoggingEvent::getMDCPropertyMap).toList();
            }
            assertThat(ofTheRun).as("the export's own log lines").isNotEmpty().allSatisfy(fields -> {
                assertThat(fields).containsEntry(RunLogContext.WORKSPACE, "acme").containsEntry(RunLogContext.JOB, "export")
                        .containsEntry(RunLogContext.RUN_ID, outcome.run().runId());
            });
            assertThat(MDC.get(RunLogContext.RUN_ID)).as("after the run").isNull();
            assertThat(MDC.get(RunLogContext.WORKSPACE)).as("after the run").isNull();
        } finally {
            root.detachAppender(capture);
        }
    }

    @Test
    void aThreadKeepsItsOwnWorkspaceFieldAfterARunOnIt() {
        RunLogContext context = new RunLogContext();
        var execution = new org.springframework.batch.core.job.JobExecution(7L,
                new org.springframework.batch.core.job.JobInstance(1L, "export.webhook"),
                new org.springframework.batch.core.job.parameters.JobParametersBuilder()
                        .addString(RunLauncher.WORKSPACE, "uat").addString(RunLauncher.RUN_ID, "export-uat-1").toJobParameters());
        MDC.put(RunLogContext.WORKSPACE, "uat");
        try {
            context.beforeJob(execution);
            assertThat(MDC.get(RunLogContext.RUN_ID)).isEqualTo("export-uat-1");
            assertThat(MDC.get(RunLogContext.JOB)).isEqualTo("export.webhook");
            context.afterJob(execution);
            assertThat(MDC.get(RunLogContext.WORKSPACE)).as("the worker thread's own field").isEqualTo("uat");
            assertThat(MDC.get(RunLogContext.RUN_ID)).isNull();
            assertThat(MDC.get(RunLogContext.JOB)).isNull();
        } finally {
            MDC.clear();
        }
    }
}
