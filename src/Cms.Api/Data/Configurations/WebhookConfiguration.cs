using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cms.Api.Data.Configurations;

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> builder)
    {
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Url).HasMaxLength(2000);
        builder.Property(w => w.Description).HasMaxLength(500);
        builder.Property(w => w.Secret).HasMaxLength(100);
        builder.Property(w => w.DisabledReason).HasMaxLength(200);
        builder.Property(w => w.Version).IsConcurrencyToken();
        builder.HasIndex(w => new { w.CreatedAt, w.Id });
    }
}

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(40);
        builder.Property(e => e.Data).HasColumnType("jsonb");
        // No foreign keys: the outbox outlives the article it reports deleted, and a ping's webhook may go.
        // The purge takes the oldest first.
        builder.HasIndex(e => e.OccurredAt);
    }
}

internal sealed class WebhookMessageConfiguration : IEntityTypeConfiguration<WebhookMessage>
{
    public void Configure(EntityTypeBuilder<WebhookMessage> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.State).HasMaxLength(20);
        builder.HasOne<Webhook>().WithMany().HasForeignKey(m => m.WebhookId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Event).WithMany().HasForeignKey(m => m.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.WebhookId, m.EventId }).IsUnique();
        // What the workers claim: only pending rows, in the order they are due.
        builder.HasIndex(m => m.NextAttemptAt).HasFilter("state = 'pending'").HasDatabaseName("ix_webhook_messages_due");
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Type).HasMaxLength(40);
        builder.Property(a => a.Status).HasMaxLength(20);
        builder.Property(a => a.ResponseBody).HasMaxLength(1024);
        builder.Property(a => a.Error).HasMaxLength(500);
        // Its message's key is enough: a webhook's or an event's deletion cascades through its messages. A second key to
        // the webhook would make every recorded attempt share-lock that one row, against every other worker doing the same.
        builder.HasOne<WebhookMessage>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        // A webhook's log, newest first.
        builder.HasIndex(a => new { a.WebhookId, a.At, a.Id });
        builder.HasIndex(a => a.MessageId);
    }
}

internal sealed class WebhookScheduleConfiguration : IEntityTypeConfiguration<WebhookSchedule>
{
    public void Configure(EntityTypeBuilder<WebhookSchedule> builder) => builder.Property(s => s.Id).ValueGeneratedNever();
}
