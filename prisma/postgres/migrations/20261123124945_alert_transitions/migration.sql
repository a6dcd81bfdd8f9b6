-- CreateTable
CREATE TABLE "AlertState" (
    "sloId" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertState_pkey" PRIMARY KEY ("sloId","tier")
);

-- CreateTable
CREATE TABLE "AlertTransition" (
    "id" TEXT NOT NULL,
    "sloId" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "factor" DOUBLE PRECISION NOT NULL,
    "longBurnRate" DOUBLE PRECISION NOT NULL,
    "longGood" DOUBLE PRECISION NOT NULL,
    "longValid" DOUBLE PRECISION NOT NULL,
    "shortBurnRate" DOUBLE PRECISION NOT NULL,
    "shortGood" DOUBLE PRECISION NOT NULL,
    "shortValid" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "AlertTransition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AlertTransition_sloId_at_idx" ON "AlertTransition"("sloId", "at");

-- AddForeignKey
ALTER TABLE "AlertState" ADD CONSTRAINT "AlertState_sloId_fkey" FOREIGN KEY ("sloId") REFERENCES "Slo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertTransition" ADD CONSTRAINT "AlertTransition_sloId_fkey" FOREIGN KEY ("sloId") REFERENCES "Slo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

