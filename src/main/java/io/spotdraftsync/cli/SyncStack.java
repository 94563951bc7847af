package io.spotdraftsync.cli;

import io.spotdraftsync.documents.DocumentsConfiguration;
import io.spotdraftsync.export.ExportJobConfiguration;
import io.spotdraftsync.importer.ImportJobConfiguration;
import io.spotdraftsync.jobs.JobsConfiguration;
import io.spotdraftsync.reconcile.ReconcileJobConfiguration;
import io.spotdraftsync.workspace.WorkspacesConfiguration;
import io.spotdraftsync.warehouse.WarehouseConfiguration;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What every command that runs jobs needs: client, document store, warehouse, job repository and the jobs.
 * Listed explicitly, not scanned, so that the sandbox's own configuration never starts by accident.
 */
@Configuration(proxyBeanMethods = false)
@Import({WorkspacesConfiguration.class, DocumentsConfiguration.class, WarehouseConfiguration.class,
        JobsConfiguration.class, ExportJobConfiguration.class, ReconcileJobConfiguration.class,
        ImportJobConfiguration.class})
public class SyncStack {
}
