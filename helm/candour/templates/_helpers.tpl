{{/* Names, labels and the pieces of pod spec that the web Deployment, the migrations Job and the
reviews CronJob share, so the three always run the same image with the same settings. */}}

{{- define "candour.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "candour.fullname" -}}
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

{{- define "candour.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "candour.selectorLabels" -}}
app.kubernetes.io/name: {{ include "candour.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "candour.labels" -}}
helm.sh/chart: {{ include "candour.chart" . }}
{{ include "candour.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: candour
{{- end }}

{{/* Web pods are selected by component so the Service never sends traffic to a Job's pod. */}}
{{- define "candour.webSelectorLabels" -}}
{{ include "candour.selectorLabels" . }}
app.kubernetes.io/component: web
{{- end }}

{{- define "candour.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "candour.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "candour.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{- define "candour.tlsSecretName" -}}
{{- default (printf "%s-tls" (include "candour.fullname" .)) .Values.ingress.tlsSecretName }}
{{- end }}

{{/* Non-secret settings as a YAML map of CANDOUR_* names to strings: the ConfigMap's data, and the
migrations Job's env (a pre-install hook runs before the ConfigMap exists). */}}
{{- define "candour.configData" -}}
CANDOUR_ENV: "production"
CANDOUR_PLATFORM_HOST: {{ .Values.platformHost | quote }}
CANDOUR_LOG_LEVEL: {{ .Values.config.logLevel | quote }}
CANDOUR_LOG_FORMAT: "json"
CANDOUR_WEB_WORKERS: {{ .Values.config.webWorkers | toString | quote }}
CANDOUR_WEB_TIMEOUT: {{ .Values.config.webTimeout | toString | quote }}
CANDOUR_MAX_UPLOAD_MB: {{ .Values.config.maxUploadMb | toString | quote }}
CANDOUR_CONTACT_RETENTION_DAYS: {{ .Values.config.contactRetentionDays | toString | quote }}
CANDOUR_TRUSTED_PROXIES: {{ .Values.ingress.trustedProxies | default "" | quote }}
CANDOUR_SESSION_LIFETIME_HOURS: {{ .Values.config.sessionLifetimeHours | default 12 | toString | quote }}
CANDOUR_CONTACT_REPLY_WORKING_DAYS: {{ .Values.config.contactReplyWorkingDays | toString | quote }}
CANDOUR_MAIL_FROM: {{ .Values.config.mailFrom | quote }}
CANDOUR_STORAGE: "s3"
CANDOUR_S3_BUCKET: {{ .Values.s3.bucket | quote }}
CANDOUR_S3_REGION: {{ .Values.s3.region | quote }}
CANDOUR_S3_PREFIX: {{ .Values.s3.prefix | quote }}
CANDOUR_S3_SSE: {{ .Values.s3.sse | quote }}
{{- with .Values.s3.endpointUrl }}
CANDOUR_S3_ENDPOINT_URL: {{ . | quote }}
{{- end }}
{{- with .Values.s3.kmsKeyId }}
CANDOUR_S3_KMS_KEY_ID: {{ . | quote }}
{{- end }}
{{- end }}

{{/* Secrets come from existing Secrets only: the chart never holds a secret value. Called with
the root context, or with (merge (dict "migrations" true) $) for the migrations Job, which may
connect as the role that owns the schema. */}}
{{- define "candour.secretEnv" -}}
{{- $database := .Values.secrets.databaseUrl }}
{{- if and .migrations .Values.secrets.migrationsDatabaseUrl.existingSecret }}
{{- $database = .Values.secrets.migrationsDatabaseUrl }}
{{- end }}
- name: CANDOUR_DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ $database.existingSecret | quote }}
      key: {{ $database.key | quote }}
- name: CANDOUR_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.secrets.secretKey.existingSecret | quote }}
      key: {{ .Values.secrets.secretKey.key | quote }}
- name: CANDOUR_ENCRYPTION_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ .Values.secrets.encryptionKeys.existingSecret | quote }}
      key: {{ .Values.secrets.encryptionKeys.key | quote }}
{{- with .Values.secrets.smtpUrl }}
{{- if .existingSecret }}
- name: CANDOUR_SMTP_URL
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .key | quote }}
{{- end }}
{{- end }}
{{- with .Values.secrets.redisUrl }}
{{- if .existingSecret }}
- name: CANDOUR_REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .key | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/* The candour container's fixed parts: image, security and the writable /tmp. */}}
{{- define "candour.containerBase" -}}
image: {{ include "candour.image" . | quote }}
imagePullPolicy: {{ .Values.image.pullPolicy }}
securityContext:
  {{- toYaml .Values.securityContext | nindent 2 }}
volumeMounts:
  - name: tmp
    mountPath: /tmp
{{- end }}

{{- define "candour.podBase" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . | quote }}
  {{- end }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
volumes:
  - name: tmp
    emptyDir:
      sizeLimit: {{ .Values.web.tmpSizeLimit }}
{{- end }}
