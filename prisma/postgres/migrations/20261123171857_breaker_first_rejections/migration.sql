-- AlterTable
ALTER TABLE "BreakerSeries" ADD COLUMN     "firstCounted" DOUBLE PRECISION,
ADD COLUMN     "firstT" BIGINT;


-- Breakers scraped from metrics never had a threshold sent: the stored value was the library default.
UPDATE "Breaker" SET "failureThreshold" = NULL WHERE "library" <> 'api';
