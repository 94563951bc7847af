package io.spotdraftsync.cli;

import java.util.List;

import io.spotdraftsync.workspace.Workspace;
import io.spotdraftsync.workspace.Workspaces;

import picocli.CommandLine.Option;

/** {@code --workspace NAME}: which configured workspace a command works on. */
public class WorkspaceOption {

    @Option(names = "--workspace", paramLabel = "NAME",
            description = "The workspace (a name under sync.workspaces); default: every workspace the job is enabled for.")
    String workspace;

    /** The named workspace, or every workspace that runs {@code job}, in configuration order. */
    List<Workspace> targets(Workspaces workspaces, String job) {
        if (workspace != null) {
            return List.of(workspaces.forJob(workspace, job));
        }
        List<Workspace> running = workspaces.runningJob(job);
        if (running.isEmpty()) {
            throw new IllegalArgumentException("No configured workspace has the job " + job + " enabled (sync.workspaces.<name>.jobs)");
        }
        return running;
    }

    /** The named workspace, or the only one (an import goes to one workspace: several need a name). */
    Workspace single(Workspaces workspaces, String job) {
        return workspaces.forJob(workspace, job);
    }
}
