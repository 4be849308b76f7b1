package main

import (
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/civicgraph/civicgraph/internal/auth"
	"github.com/civicgraph/civicgraph/internal/civic"
)

func init() { commands = append(commands, (*app).keysCommand) }

func (a *app) keysCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "keys",
		Short: "Create, list and revoke API keys",
		Long: `API keys let programs call the API with a role: send the key as
"Authorization: Bearer KEY" or "X-API-Key: KEY". Only a hash of each key is
stored; a key is shown once, when it is created.`,
	}
	var name, role string
	create := &cobra.Command{
		Use:   "create --name NAME --role public|champion|editor|admin",
		Short: "Create a key and print it (once: it cannot be shown again)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			r, err := civic.ParseRole(role)
			if err != nil {
				return err
			}
			key, id, hash, err := auth.NewKey()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			store, err := a.migratedStore(ctx)
			defer a.close(ctx, store)
			if err != nil {
				return err
			}
			k, err := store.CreateAPIKey(ctx, civic.APIKey{ID: id, Name: name, Role: r, Hash: hash})
			if err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "created API key %s (%q, role %s); keep it secret, it is shown only now:\n", k.ID, k.Name, k.Role)
			fmt.Println(key)
			return nil
		},
	}
	create.Flags().StringVar(&name, "name", "", "what the key is for (recorded as the actor of its changes)")
	create.Flags().StringVar(&role, "role", "", "the key's role: public, champion, editor or admin")
	_ = create.MarkFlagRequired("name")
	_ = create.MarkFlagRequired("role")

	list := &cobra.Command{
		Use:   "list",
		Short: "List keys, revoked ones included",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			store, err := a.store(ctx)
			defer a.close(ctx, store)
			if err != nil {
				return err
			}
			keys, err := store.ListAPIKeys(ctx)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tROLE\tCREATED\tREVOKED")
			for _, k := range keys {
				revoked := "-"
				if k.RevokedAt != nil {
					revoked = k.RevokedAt.UTC().Format(time.RFC3339)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, k.Role, k.CreatedAt.UTC().Format(time.RFC3339), revoked)
			}
			return tw.Flush()
		},
	}

	revoke := &cobra.Command{
		Use:   "revoke ID",
		Short: "Revoke a key; running services refuse it within auth.key_cache_ttl",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			store, err := a.store(ctx)
			defer a.close(ctx, store)
			if err != nil {
				return err
			}
			k, err := store.RevokeAPIKey(ctx, args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "revoked API key %s (%q) at %s\n", k.ID, k.Name, k.RevokedAt.UTC().Format(time.RFC3339))
			return nil
		},
	}
	cmd.AddCommand(create, list, revoke)
	return cmd
}
