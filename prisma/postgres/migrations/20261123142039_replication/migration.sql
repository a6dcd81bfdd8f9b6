-- CreateTable
CREATE TABLE "ReplicationCluster" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "serviceId" TEXT,
    "exporter" TEXT,
    "matchers" TEXT,
    "maxLagSeconds" DOUBLE PRECISION NOT NULL,
    "maxLagBytes" DOUBLE PRECISION NOT NULL,
    "timeoutMs" INTEGER NOT NULL,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "lastError" TEXT,
    "probedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReplicationCluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReplicationMember" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "connection" TEXT,
    "display" TEXT,
    "role" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'unknown',
    "since" TIMESTAMP(3),
    "timeline" INTEGER,
    "inRecovery" BOOLEAN,
    "lagSeconds" DOUBLE PRECISION,
    "lagBytes" DOUBLE PRECISION,
    "observed" TEXT,
    "error" TEXT,
    "observedAt" TIMESTAMP(3),

    CONSTRAINT "ReplicationMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReplicationSample" (
    "clusterId" TEXT NOT NULL,
    "member" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL,
    "lagSeconds" DOUBLE PRECISION,
    "lagBytes" DOUBLE PRECISION,

    CONSTRAINT "ReplicationSample_pkey" PRIMARY KEY ("clusterId","member","at")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReplicationCluster_name_key" ON "ReplicationCluster"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ReplicationMember_clusterId_name_key" ON "ReplicationMember"("clusterId", "name");

-- CreateIndex
CREATE INDEX "ReplicationSample_clusterId_at_idx" ON "ReplicationSample"("clusterId", "at");

-- CreateIndex
CREATE INDEX "ReplicationSample_at_idx" ON "ReplicationSample"("at");

-- AddForeignKey
ALTER TABLE "ReplicationCluster" ADD CONSTRAINT "ReplicationCluster_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplicationMember" ADD CONSTRAINT "ReplicationMember_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "ReplicationCluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplicationSample" ADD CONSTRAINT "ReplicationSample_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "ReplicationCluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

