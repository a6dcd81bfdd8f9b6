-- AlterTable
ALTER TABLE "Slo" ADD COLUMN     "alertTiers" TEXT;

-- CreateTable
CREATE TABLE "SloExclusion" (
    "id" TEXT NOT NULL,
    "sloId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "end" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SloExclusion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SloExclusion_sloId_start_idx" ON "SloExclusion"("sloId", "start");

-- AddForeignKey
ALTER TABLE "SloExclusion" ADD CONSTRAINT "SloExclusion_sloId_fkey" FOREIGN KEY ("sloId") REFERENCES "Slo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

