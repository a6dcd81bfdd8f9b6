-- CreateTable
CREATE TABLE "ReplicationCluster" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "serviceId" TEXT,
    "exporter" TEXT,
    "matchers" TEXT,
    "maxLagSeconds" REAL NOT NULL,
    "maxLagBytes" REAL NOT NULL,
    "timeoutMs" INTEGER NOT NULL,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "lastError" TEXT,
    "probedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReplicationCluster_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReplicationMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clusterId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "connection" TEXT,
    "display" TEXT,
    "role" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'unknown',
    "since" DATETIME,
    "timeline" INTEGER,
    "inRecovery" BOOLEAN,
    "lagSeconds" REAL,
    "lagBytes" REAL,
    "observed" TEXT,
    "error" TEXT,
    "observedAt" DATETIME,
    CONSTRAINT "ReplicationMember_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "ReplicationCluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReplicationSample" (
    "clusterId" TEXT NOT NULL,
    "member" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "state" TEXT NOT NULL,
    "lagSeconds" REAL,
    "lagBytes" REAL,

    PRIMARY KEY ("clusterId", "member", "at"),
    CONSTRAINT "ReplicationSample_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "ReplicationCluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ReplicationCluster_name_key" ON "ReplicationCluster"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ReplicationMember_clusterId_name_key" ON "ReplicationMember"("clusterId", "name");

-- CreateIndex
CREATE INDEX "ReplicationSample_clusterId_at_idx" ON "ReplicationSample"("clusterId", "at");

-- CreateIndex
CREATE INDEX "ReplicationSample_at_idx" ON "ReplicationSample"("at");

