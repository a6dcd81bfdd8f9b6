-- CreateTable
CREATE TABLE "Breaker" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "dependency" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "library" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "stateSince" TIMESTAMP(3) NOT NULL,
    "initialState" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "rejectedTotal" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "failureRate" DOUBLE PRECISION,
    "failureThreshold" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Breaker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BreakerTransition" (
    "id" TEXT NOT NULL,
    "breakerId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "from" TEXT,
    "to" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "BreakerTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BreakerSeries" (
    "key" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "lastT" BIGINT NOT NULL,
    "lastV" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "BreakerSeries_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Breaker_key_key" ON "Breaker"("key");

-- CreateIndex
CREATE INDEX "Breaker_service_idx" ON "Breaker"("service");

-- CreateIndex
CREATE INDEX "BreakerTransition_at_idx" ON "BreakerTransition"("at");

-- CreateIndex
CREATE UNIQUE INDEX "BreakerTransition_breakerId_at_to_key" ON "BreakerTransition"("breakerId", "at", "to");

-- CreateIndex
CREATE INDEX "BreakerSeries_scope_idx" ON "BreakerSeries"("scope");

-- AddForeignKey
ALTER TABLE "BreakerTransition" ADD CONSTRAINT "BreakerTransition_breakerId_fkey" FOREIGN KEY ("breakerId") REFERENCES "Breaker"("id") ON DELETE CASCADE ON UPDATE CASCADE;

