-- AlterTable
ALTER TABLE "Slo" ADD COLUMN     "groupBy" TEXT NOT NULL DEFAULT '[]';

