{{/* Names and labels */}}
{{- define "spotdraft-sync.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "spotdraft-sync.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "spotdraft-sync.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "spotdraft-sync.selectorLabels" -}}
app.kubernetes.io/name: {{ include "spotdraft-sync.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "spotdraft-sync.labels" -}}
helm.sh/chart: {{ include "spotdraft-sync.chart" . }}
{{ include "spotdraft-sync.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: spotdraft-sync
{{- end }}

{{- define "spotdraft-sync.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "spotdraft-sync.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "spotdraft-sync.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion | toString) }}
{{- end }}

{{/* The Secret a reference without its own secretName reads */}}
{{- define "spotdraft-sync.secretName" -}}
{{- default (include "spotdraft-sync.fullname" .) .Values.secret.name }}
{{- end }}

{{/*
An environment variable read from a Secret.
Call with (dict "name" "ENV_NAME" "ref" .Values.x.yRef "root" $)
*/}}
{{- define "spotdraft-sync.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ default (include "spotdraft-sync.secretName" .root) .ref.secretName }}
      key: {{ required (printf "a secret key for %s" .name) .ref.key }}
      {{- if .ref.optional }}
      optional: true
      {{- end }}
{{- end }}

{{/* The warehouse's JDBC URL */}}
{{- define "spotdraft-sync.warehouseUrl" -}}
{{- if and (eq .Values.warehouse.dialect "duckdb") (not .Values.warehouse.url) -}}
jdbc:duckdb:/app/data/warehouse.duckdb
{{- else -}}
{{- .Values.warehouse.url -}}
{{- end }}
{{- end }}

{{- define "spotdraft-sync.snowflakeKeyDir" -}}/app/secrets/snowflake{{- end }}

{{/* The document store's location, as sync.documents.location takes it */}}
{{- define "spotdraft-sync.documentsLocation" -}}
{{- if eq .Values.documents.type "s3" -}}
{{- $prefix := .Values.documents.s3.prefix | default "" | trimAll "/" -}}
{{- if $prefix -}}
{{- printf "s3://%s/%s" .Values.documents.s3.bucket $prefix -}}
{{- else -}}
{{- printf "s3://%s" .Values.documents.s3.bucket -}}
{{- end -}}
{{- else -}}
{{- printf "file:%s" .Values.documents.directory.path -}}
{{- end }}
{{- end }}

{{/*
Combinations that cannot work stop the render with a message naming the values to change.
Included by the Deployment, so every install, upgrade and template goes through it.
*/}}
{{- define "spotdraft-sync.validate" -}}
{{- $replicas := int .Values.replicaCount }}
{{- $dsUrl := .Values.datasource.url | default "" }}
{{- if gt $replicas 1 }}
{{- if not (hasPrefix "jdbc:postgresql:" $dsUrl) }}
{{- fail (printf "replicaCount is %d: several pods must share one job repository, Quartz store and webhook inbox, so datasource.url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db), not the embedded H2 default (got %q). Set datasource.url, or replicaCount: 1." $replicas $dsUrl) }}
{{- end }}
{{- if ne .Values.spotdraft.rateLimit.store "postgres" }}
{{- fail (printf "replicaCount is %d: several pods must share one SpotDraft request budget, so spotdraft.rateLimit.store must be postgres (got %q). Set spotdraft.rateLimit.store: postgres, or replicaCount: 1." $replicas .Values.spotdraft.rateLimit.store) }}
{{- end }}
{{- if eq .Values.warehouse.dialect "duckdb" }}
{{- fail (printf "replicaCount is %d: a DuckDB warehouse is a file inside one pod; the pods would each load part of the data into their own file. Use warehouse.dialect postgresql or snowflake, or replicaCount: 1." $replicas) }}
{{- end }}
{{- end }}
{{- if and (eq .Values.spotdraft.rateLimit.store "postgres") (not (hasPrefix "jdbc:postgresql:" $dsUrl)) }}
{{- fail (printf "spotdraft.rateLimit.store is postgres: the budget lives in the job repository's database, so datasource.url must be a PostgreSQL JDBC URL (got %q). Set datasource.url, or spotdraft.rateLimit.store: local with replicaCount: 1." $dsUrl) }}
{{- end }}
{{- if not (or .Values.spotdraft.region .Values.spotdraft.baseUrl) }}
{{- fail "spotdraft.region (in, us, me, eu) or spotdraft.baseUrl is required" }}
{{- end }}
{{- $whUrl := include "spotdraft-sync.warehouseUrl" . }}
{{- if not (hasPrefix (printf "jdbc:%s:" .Values.warehouse.dialect) $whUrl) }}
{{- fail (printf "warehouse.dialect is %s but warehouse.url is %q: the URL must start with jdbc:%s:" .Values.warehouse.dialect $whUrl .Values.warehouse.dialect) }}
{{- end }}
{{- if eq .Values.warehouse.dialect "snowflake" }}
{{- if not .Values.warehouse.username }}
{{- fail "warehouse.dialect is snowflake: warehouse.username (the key pair's user) is required" }}
{{- end }}
{{- if not .Values.warehouse.snowflake.privateKeyRef.key }}
{{- fail "warehouse.dialect is snowflake: warehouse.snowflake.privateKeyRef.key (the Secret key holding the private key) is required" }}
{{- end }}
{{- end }}
{{- if and (eq .Values.documents.type "s3") (not .Values.documents.s3.bucket) }}
{{- fail "documents.type is s3: documents.s3.bucket is required" }}
{{- end }}
{{- if and .Values.secret.create (not .Values.secret.stringData) }}
{{- fail "secret.create is true: put the Secret's keys and values in secret.stringData" }}
{{- end }}
{{- end }}
