package io.spotdraftsync.export;

import io.spotdraftsync.documents.DocumentsConfiguration;
import io.spotdraftsync.jobs.JobsConfiguration;
import io.spotdraftsync.spotdraft.SpotDraftClientConfiguration;
import io.spotdraftsync.warehouse.WarehouseConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The Spring context of the {@code export} command: client, document store, warehouse, job repository, job. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({SpotDraftClientConfiguration.class, DocumentsConfiguration.class, WarehouseConfiguration.class,
        JobsConfiguration.class, ExportJobConfiguration.class})
public class ExportApplication {
}
